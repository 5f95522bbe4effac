/** CVT's client ids are MongoDB ObjectIds written as 24 hexadecimal characters. */
export type ClientId = string & { readonly __brand: 'ClientId' };

const OBJECT_ID = /^[0-9a-f]{24}$/iu;

export function parseClientId(value: string): ClientId | undefined {
  return OBJECT_ID.test(value) ? (value.toLowerCase() as ClientId) : undefined;
}
