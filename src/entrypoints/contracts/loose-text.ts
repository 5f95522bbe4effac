import { isRecord } from './plain-values.ts';

/**
 * A text field of a payload we do not control: strings and numbers are kept, anything else (a
 * missing field, a wrong type) becomes undefined instead of failing the whole payload.
 */
export function looseText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** An object field that may be missing or of the wrong type; then it is treated as empty. */
export function looseObject(value: unknown): Readonly<Record<string, unknown>> {
  return isRecord(value) ? value : {};
}
