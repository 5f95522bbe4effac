import type { HttpNoAnswer } from './http-call.ts';

/**
 * Failures of the connection itself (no address, refused, unreachable, a certificate refused during the
 * handshake): the request never left, so trying again cannot repeat it.
 */
const NEVER_SENT = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_INVALID_URL',
  'ERR_INVALID_PROTOCOL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Whether a call without an answer may still have been carried out: it timed out, or the connection
 * broke after it was made (reset, hang-up). Only a connection that never opened proves it was not.
 */
export function mayHaveArrived(noAnswer: HttpNoAnswer): boolean {
  return noAnswer.kind === 'timeout' || noAnswer.code === undefined || !NEVER_SENT.has(noAnswer.code);
}
