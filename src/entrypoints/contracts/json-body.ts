import { err, ok, type Result } from '../../domain/shared/result.ts';

/** JSON text to a value; the failure says why in one sentence, without echoing the input. */
export function parseJson(text: string): Result<unknown, string> {
  if (text.trim() === '') return err('the body is empty');
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    return err(error instanceof RangeError ? 'the body is nested too deeply' : 'the body is not valid JSON');
  }
}
