import { maskPhonesInText } from '../phone/masking.ts';

/**
 * The Spanish notices operators receive (issue 10 §6): what happened, how much it touches and what to
 * do. Each text is complete on its own (a chat message, a WhatsApp message) and never carries a phone
 * number: whatever the cause quotes is masked.
 */
const PREFIX = 'cvt-whatsapp:';
/** Providers whose outages are mostly a WhatsApp Web session that logged out, which only a person can fix. */
const WEB_SESSION_PROVIDERS = new Set(['waapi', 'gowa']);
const MAX_LISTED = 10;

export function providerDownNotice(input: { provider: string; cause: string; since: Date; now: Date; waiting: number }): string {
  const advice = WEB_SESSION_PROVIDERS.has(input.provider)
    ? `escanee de nuevo el código QR de la sesión de WhatsApp en ${input.provider} (la sesión se cerró o no está lista).`
    : `revise el estado del servicio ${input.provider} y sus credenciales.`;
  return clean(
    `⚠️ ${PREFIX} el proveedor de WhatsApp ${input.provider} no está disponible desde hace ${minutes(input.since, input.now)} ` +
      `(desde ${clock(input.since)}). Causa: ${input.cause}. ` +
      `${entregas(input.waiting)} en espera; no se pierden y saldrán solas cuando vuelva. Qué hacer: ${advice}`,
  );
}

export function providerBackNotice(input: { provider: string; since: Date; now: Date; waiting: number }): string {
  return clean(
    `✅ ${PREFIX} el proveedor de WhatsApp ${input.provider} volvió a responder tras ${minutes(input.since, input.now)} sin servicio. ` +
      `Enviando ahora ${input.waiting === 1 ? 'la entrega que esperaba' : `las ${input.waiting} entregas que esperaban`}, de la más antigua a la más reciente.`,
  );
}

export function newsletterRunFailedNotice(input: { runId: string; failed: readonly { distributionId: string; reason: string }[] }): string {
  const listed = input.failed.slice(0, MAX_LISTED).map((failure) => `${failure.distributionId}: ${failure.reason}`);
  const more = input.failed.length > MAX_LISTED ? `; y ${input.failed.length - MAX_LISTED} más` : '';
  const count = input.failed.length === 1 ? '1 boletín fallido' : `${input.failed.length} boletines fallidos`;
  return clean(
    `⚠️ ${PREFIX} la corrida de boletines ${input.runId} terminó con ${count}: ${listed.join('; ')}${more}. ` +
      'Detalle en GET /api/reports/runs; para repetirla: POST /api/reports/run o cvt-whatsapp newsletters run.',
  );
}

export function givenUpNotice(input: { failed: number; expired: number; threshold: number }): string {
  const total = input.failed + input.expired;
  return clean(
    `⚠️ ${PREFIX} ${total} entregas terminaron sin enviarse en la última hora (el umbral es ${input.threshold}): ` +
      `${input.failed} fallidas y ${input.expired} vencidas. Revíselas con GET /api/deliveries?status=failed ` +
      'y reenvíelas con POST /api/deliveries/resend o cvt-whatsapp deliveries resend.',
  );
}

export function deadLetteredNotice(input: { queue: string; reason: string; earlier: number }): string {
  const earlier = input.earlier > 0 ? ` (y ${input.earlier} más desde el aviso anterior)` : '';
  return clean(
    `⚠️ ${PREFIX} un mensaje de la cola ${input.queue} pasó a mensajes muertos${earlier}. Motivo: ${input.reason}. ` +
      `Véalos con cvt-whatsapp dead-letters ${input.queue}; cuando la causa esté resuelta, devuélvalos a la cola con ` +
      `cvt-whatsapp dead-letters redrive ${input.queue} o POST /api/queues/${input.queue}/dead-letters/redrive.`,
  );
}

export function answerLostNotice(input: { provider: string; recipients: number; reference: string; at: Date }): string {
  return clean(
    `⚠️ ${PREFIX} ${input.provider} no respondió a un envío masivo (${input.reference}, ${entregas(input.recipients)}, ${clock(input.at)}): ` +
      'pudo haber salido, así que no se repite y sus entregas quedaron fallidas. Qué hacer: revise el historial de campañas de ' +
      `${input.provider}; reenvíe con cvt-whatsapp deliveries resend --status failed solo lo que no salió.`,
  );
}

/** Meta paused, disabled or approved again a template (Cloud API `message_template_status_update`). */
export function templateStatusNotice(input: {
  provider: string;
  template: string;
  event: string;
  jobs: readonly string[];
  at: Date;
}): string {
  const jobs = input.jobs.length === 0 ? 'ningún trabajo configurado' : input.jobs.join(', ');
  const held = input.event === 'PAUSED' || input.event === 'DISABLED';
  return clean(
    held
      ? `⚠️ ${PREFIX} ${input.provider} marcó la plantilla ${input.template} como ${input.event} (${clock(input.at)}): ` +
          `los envíos de ${jobs} esperan. Qué hacer: revise la calidad de la plantilla en el WhatsApp Manager de Meta.`
      : `✅ ${PREFIX} ${input.provider} marcó la plantilla ${input.template} como ${input.event} (${clock(input.at)}): ${jobs} vuelve a enviarse.`,
  );
}

function entregas(count: number): string {
  return count === 1 ? '1 entrega' : `${count} entregas`;
}

function minutes(since: Date, now: Date): string {
  const total = Math.max(0, Math.round((now.getTime() - since.getTime()) / 60_000));
  if (total < 1) return 'menos de un minuto';
  if (total < 120) return total === 1 ? '1 minuto' : `${total} minutos`;
  const hours = Math.floor(total / 60);
  return `${hours} h ${total % 60} min`;
}

/** `2026-12-03 14:05 UTC`: unambiguous wherever the operator reads it. */
function clock(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function clean(text: string): string {
  return maskPhonesInText(text);
}
