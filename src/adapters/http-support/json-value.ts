/** The JSON value of `text`, or undefined when it is not JSON (an empty body, an HTML page, plain words). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A JSON object (not an array, not null): provider bodies are read field by field from one. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const asRecord = (value: unknown): Record<string, unknown> | undefined => (isRecord(value) ? value : undefined);

/** A non-empty string, else undefined: an empty id or message says nothing. */
export const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
