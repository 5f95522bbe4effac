import { maskPhonesInText } from '../../domain/phone/masking.ts';

const SECRET_KEY = /token|password|passwd|secret|authorization|api[-_]?key|signature|cookie|credential/iu;
const MAX_DEPTH = 6;
const MAX_STRING = 4_000;

/**
 * Makes a value safe to write to a log: phone numbers masked wherever they appear, known secret
 * values replaced, fields named like secrets redacted, errors reduced to name, message and cause.
 */
export class LogSanitizer {
  readonly #secrets: string[];

  constructor(secrets: readonly string[]) {
    // Longest first, so that a secret containing another is replaced whole.
    this.#secrets = secrets.filter((secret) => secret.length >= 6).sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    // Redact and mask before cutting: a cut through a secret or a number would leave a part that no
    // longer matches and would be written in clear.
    let result = value;
    for (const secret of this.#secrets) if (result.includes(secret)) result = result.split(secret).join('[REDACTED]');
    result = maskPhonesInText(result);
    return result.length > MAX_STRING ? `${result.slice(0, MAX_STRING)}…` : result;
  }

  value(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
    if (value instanceof Date) return value.toISOString();
    if (depth >= MAX_DEPTH) return '[…]';
    if (value instanceof Error) return this.#error(value, depth);
    if (Array.isArray(value)) return value.slice(0, 50).map((item) => this.value(item, depth + 1));
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // Keys are data too: results keyed by recipient would otherwise print the numbers in clear.
      result[this.text(key)] = SECRET_KEY.test(key) ? '[REDACTED]' : this.value(item, depth + 1);
    }
    return result;
  }

  #error(error: Error, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = { name: error.name, message: this.text(error.message) };
    const code = (error as { code?: unknown }).code;
    if (code !== undefined) result['code'] = this.value(code, depth + 1);
    if (error.stack !== undefined) result['stack'] = this.text(error.stack.split('\n').slice(0, 8).join('\n'));
    if (error.cause !== undefined) result['cause'] = this.value(error.cause, depth + 1);
    return result;
  }
}
