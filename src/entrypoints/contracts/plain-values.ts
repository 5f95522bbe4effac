import { ok, type Result } from '../../domain/shared/result.ts';
import { parseJson } from './json-body.ts';

type ContractSchemas = typeof import('./contract-schemas.ts');

/**
 * Shared pieces of the plain readers (`*.plain.ts`): each reader accepts only what its zod schema surely
 * accepts, answering what the schema answers, and leaves anything else undecided (undefined) for the schema,
 * whose issues give the error its words. A Lambda reading a well-formed message so never builds a zod schema.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zod counts some lengths in code points: text with any surrogate half is left to it. */
function hasSurrogates(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdfff) return true;
  }
  return false;
}

/** `z.string().trim().min(min).max(max)`'s answer when surely accepted; else undefined. */
export function trimmedText(value: unknown, min: number, max: number): string | undefined {
  if (typeof value !== 'string' || hasSurrogates(value)) return undefined;
  const trimmed = value.trim();
  return trimmed.length >= min && trimmed.length <= max ? trimmed : undefined;
}

/** A number `z.number().int()` surely accepts. */
export function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * A queue message read by its plain reader, or, when the reader leaves it undecided, by its zod parser,
 * loaded only then (with the other contracts' schemas: contract-schemas.ts).
 */
export async function readPlainFirst<T>(
  text: string,
  plain: (value: unknown) => T | undefined,
  parser: (schemas: ContractSchemas) => (text: string) => Result<T, string>,
): Promise<Result<T, string>> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const decided = plain(json.value);
  if (decided !== undefined) return ok(decided);
  return parser(await import('./contract-schemas.ts'))(text);
}
