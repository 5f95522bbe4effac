const MAX_TEXT = 200;

/**
 * Provider text fit for a failure message: one line, short, and with every configured secret blanked
 * out, in case a provider echoes what it was sent.
 */
export function safeText(text: string, secrets: readonly string[]): string {
  let clean = text.replace(/\s+/gu, ' ').trim();
  for (const secret of secrets) if (secret !== '') clean = clean.split(secret).join('***');
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT)}…` : clean;
}

/** A body worth quoting: plain words, not an HTML page. */
export function plainBody(text: string): string {
  return /^\s*</u.test(text) ? '' : text;
}

export const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

export const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
