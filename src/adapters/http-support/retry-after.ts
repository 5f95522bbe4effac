/** A Retry-After beyond a day is a provider's mistake, not a plan: a delivery must not sleep for weeks. */
export const MAX_RETRY_AFTER_MS = 86_400_000;

/**
 * An HTTP Retry-After header (RFC 9110 §10.2.3: delay in seconds, or an HTTP date) in milliseconds
 * from `now` (epoch ms), capped at a day; a date in the past is 0. Undefined when absent or unreadable,
 * so the caller applies its own default wait.
 */
export function retryAfterMs(header: string | string[] | undefined, now: number): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/u.test(value)) return Math.min(Number(value) * 1_000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}
