import * as z from 'zod';

/**
 * A text field of a payload we do not control: strings and numbers are kept, anything else (a
 * missing field, a wrong type) becomes undefined instead of failing the whole payload.
 */
export const looseText = z
  .unknown()
  .transform((value) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return undefined;
  })
  .optional();

/** An object field that may be missing or of the wrong type; then it is treated as empty. */
export function looseObject<T extends z.ZodRawShape>(shape: T) {
  const schema = z.object(shape);
  return schema.catch(() => schema.parse({}));
}
