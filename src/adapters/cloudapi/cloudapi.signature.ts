import { createHmac } from 'node:crypto';

/** Meta signs the exact bytes it sends (§3.2): never a re-serialised JSON. */
export function hmacSha256Hex(secret: string, body: Uint8Array): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
