/** Probe: the same checks as zod-classic-settings, written by hand. */
function int(
  text: string | undefined,
  min: number,
  max: number,
  fallback: number,
): { ok: true; value: number } | { ok: false; message: string } {
  if (text === undefined) return { ok: true, value: fallback };
  const value = Number(text);
  if (Number.isNaN(value)) return { ok: false, message: 'Invalid input: expected number, received NaN' };
  if (!Number.isInteger(value)) return { ok: false, message: 'Invalid input: expected int, received number' };
  if (value < min) return { ok: false, message: `Too small: expected number to be >=${min}` };
  if (value > max) return { ok: false, message: `Too big: expected number to be <=${max}` };
  return { ok: true, value };
}

export async function handler(): Promise<unknown> {
  const out: unknown[] = [];
  for (let i = 0; i < 15; i++) out.push(int(String(1000 + i), i, 100_000, 300));
  const url = new URL('https://example.com/');
  out.push(/^https?:$/u.test(url.protocol) ? 'https://example.com/'.replace(/\/+$/u, '') : undefined);
  out.push(['debug', 'info', 'warn'].includes('warn'));
  return out;
}
