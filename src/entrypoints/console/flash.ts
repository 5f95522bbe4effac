import { formatNumber } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { notice } from './layout.ts';

/**
 * What an action did, shown on the page it redirects back to. The URL carries a code and a count,
 * never text, so a crafted link cannot make the console say something it did not.
 */
const FLASHES: Record<string, { kind: 'ok' | 'bad' | 'warn'; text: (count: number) => string }> = {
  reenviados: { kind: 'ok', text: (n) => `${formatNumber(n)} ${n === 1 ? 'envío vuelve' : 'envíos vuelven'} a la cola.` },
  'sin-reenvio': { kind: 'warn', text: () => 'No había nada que reenviar: solo se reenvían envíos fallidos o vencidos.' },
  redirigidos: { kind: 'ok', text: (n) => `${formatNumber(n)} ${n === 1 ? 'mensaje vuelve' : 'mensajes vuelven'} a su cola.` },
  guardado: { kind: 'ok', text: () => 'Cliente guardado.' },
  importado: { kind: 'ok', text: (n) => `${formatNumber(n)} ${n === 1 ? 'cliente importado' : 'clientes importados'}.` },
};

export function flashFor(query: Record<string, unknown>): SafeHtml | '' {
  const code = typeof query['hecho'] === 'string' ? query['hecho'] : undefined;
  const flash = code === undefined ? undefined : FLASHES[code];
  if (flash === undefined) return '';
  const count = Number(query['n'] ?? 0);
  return notice(flash.kind, html`${flash.text(Number.isFinite(count) ? count : 0)}`);
}
