import { createHmac } from 'node:crypto';
import { matchesSecretDigest, sameSecret, secretDigest } from '../../adapters/http-support/same-secret.ts';

/** Constant-time secret comparison for the edge (webhook tokens, the admin token): the adapters' own. */
export { sameSecret as secretsMatch };

/**
 * `secretsMatch` against one configured secret, hashed once rather than on every request (the webhook's
 * token): the same comparison, in constant time.
 */
export function configuredSecretMatcher(secret: string): (presented: string | undefined) => boolean {
  const digest = secretDigest(secret);
  return (presented) => matchesSecretDigest(presented, digest);
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
  return sameSecret(match[2]!.toLowerCase(), expected);
}
