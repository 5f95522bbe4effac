import { excerpt, oneLine } from './excerpt.ts';
import { redact } from './redact.ts';

/**
 * Provider text fit for a failure message: one line, at most 200 characters, every configured secret
 * shown as `***`. The cut comes after redacting, so it can never leave part of a secret behind.
 */
export function safeText(text: string, secrets: readonly string[]): string {
  return excerpt(redact(oneLine(text), secrets, '***'));
}
