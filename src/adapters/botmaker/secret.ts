import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares secrets in constant time: hashing first makes the lengths equal, so nothing leaks by timing. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
