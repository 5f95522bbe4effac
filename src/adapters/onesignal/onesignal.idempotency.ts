import { createHash } from 'node:crypto';

/**
 * OneSignal's idempotency key (`external_id` on the legacy API, now also called `idempotency_key`) must
 * be a v3 or v4 UUID and holds for 30 days (documentation.onesignal.com, "Idempotent notification
 * requests"). Our delivery ids are 32 hex digits (sha256 of job, event and recipient), so they are
 * written as a UUID with the version-4 and variant bits set: the same delivery always gets the same
 * key, so a retried call is not shown twice. Any other id is hashed first.
 */
export function idempotencyKey(deliveryId: string): string {
  const compact = deliveryId.replaceAll('-', '').toLowerCase();
  const hex = /^[0-9a-f]{32}$/u.test(compact) ? compact : createHash('sha256').update(deliveryId, 'utf8').digest('hex').slice(0, 32);
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
