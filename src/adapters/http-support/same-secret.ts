import { hash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented secret with the expected one in constant time. Both sides are hashed first, so
 * the buffers are always the same length and neither the content nor the length of the expected secret
 * leaks through timing. A missing secret (no header, no query parameter) never matches.
 */
export function sameSecret(presented: string | undefined, expected: string): boolean {
  return matchesSecretDigest(presented, secretDigest(expected));
}

/** What `sameSecret` compares a secret by, for a caller that checks many requests against one configured secret. */
export function secretDigest(secret: string): Buffer {
  return hash('sha256', secret, 'buffer');
}

/** `sameSecret` against an expected secret's `secretDigest`, computed once. */
export function matchesSecretDigest(presented: string | undefined, expectedDigest: Buffer): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(secretDigest(presented), expectedDigest);
}
