import { createHmac } from 'node:crypto';
import { sameSecret } from '../../adapters/http-support/same-secret.ts';

/** Constant-time secret comparison for the edge (webhook tokens, the admin token): the adapters' own. */
export { sameSecret as secretsMatch };

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
