import type { SendFailure } from '../../domain/deliveries/send-failure.ts';

/**
 * Blanks out every configured secret in text that came from the wire or from an error, in case a
 * provider echoes what it was sent. Longest first, so a secret containing another is replaced whole
 * instead of leaving its remainder in clear; an unset (empty) secret is skipped.
 */
export function redact(text: string, secrets: readonly string[], mask = '[redacted]'): string {
  let clean = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) if (secret !== '') clean = clean.split(secret).join(mask);
  return withoutCutSecrets(clean, secrets, mask);
}

/** Shorter than this, a secret's start could be any word; longer, it is worth hiding. */
const MIN_CUT_PREFIX = 6;

/**
 * An excerpt cut in the middle of a secret (`…key-abc1…`) leaves its start in clear, where the whole
 * secret would have been found: the start of a secret just before a cut mark is blanked out too.
 */
function withoutCutSecrets(text: string, secrets: readonly string[], mask: string): string {
  // The ellipsis escaped: a character beyond ASCII in a regular expression (esbuild leaves those as written)
  // makes V8 hold the whole bundle chunk as a two-byte string, twice its size, at every cold start.
  return text.replace(/([^\s\u2026]*)\u2026/gu, (cut, before: string) => {
    for (const secret of secrets) {
      for (let length = Math.min(secret.length - 1, before.length); length >= MIN_CUT_PREFIX; length--) {
        if (before.endsWith(secret.slice(0, length))) return `${before.slice(0, before.length - length)}${mask}…`;
      }
    }
    return cut;
  });
}

/** The failure with its message redacted; the same object when there was nothing to blank out. */
export function redactFailure(failure: SendFailure, secrets: readonly string[]): SendFailure {
  const message = redact(failure.message, secrets);
  return message === failure.message ? failure : { ...failure, message };
}
