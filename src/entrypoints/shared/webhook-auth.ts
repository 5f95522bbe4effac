import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compares secrets in constant time. Both sides are hashed first so that neither the content nor the
 * length of the expected secret leaks through timing.
 */
export function secretsMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Checks a `sha1=<hex>` (Meltwater Data Streams `X-Hub-Signature`) or `sha256=<hex>` signature of the
 * raw body bytes, never of a re-serialised JSON.
 */
export function signatureMatches(rawBody: Uint8Array, header: string, secret: string): boolean {
  const match = /^(sha1|sha256)=([0-9a-f]+)$/iu.exec(header.trim());
  if (match === null) return false;
  const algorithm = match[1]!.toLowerCase();
  const expected = createHmac(algorithm, secret).update(rawBody).digest('hex');
  return secretsMatch(match[2]!.toLowerCase(), expected);
}
