import type { LedgerRow } from './ledger-snapshot.ts';

export interface DeliveryAudit {
  /** Deliveries asked for: one per recipient. */
  readonly asked: number;
  readonly sent: number;
  /** Ended failed, each with its reason. */
  readonly failed: number;
  /** Ended expired (waited past its job's maximum age), each with its reason. */
  readonly expired: number;
  /** Asked, and neither received by the provider and recorded sent, nor recorded failed with a reason. */
  readonly lost: number;
  /** Messages the provider received more than once. */
  readonly duplicates: number;
  /** Received by the provider although the ledger says failed or expired (an answer that never came back). */
  readonly sentButRecordedFailed: number;
  /** Recorded sent although the provider never received it: the old functions' bug. */
  readonly recordedSentNeverReceived: number;
}

const DONE = new Set(['sent', 'delivered', 'read']);

/**
 * Compares what was asked (one delivery per recipient), what the ledger says and what the provider
 * received. Every recipient is asked once, so a recipient received twice is a duplicate.
 */
export function auditDeliveries(asked: readonly string[], rows: readonly LedgerRow[], received: readonly string[]): DeliveryAudit {
  const byRecipient = new Map(rows.map((row) => [row.recipient, row]));
  const receivedCount = new Map<string, number>();
  for (const to of received) receivedCount.set(to, (receivedCount.get(to) ?? 0) + 1);
  let sent = 0;
  let failed = 0;
  let expired = 0;
  let lost = 0;
  let sentButRecordedFailed = 0;
  let recordedSentNeverReceived = 0;
  for (const recipient of asked) {
    const row = byRecipient.get(recipient);
    const times = receivedCount.get(recipient) ?? 0;
    if (row !== undefined && DONE.has(row.status)) {
      sent++;
      if (times === 0) {
        recordedSentNeverReceived++;
        lost++;
      }
    } else if ((row?.status === 'failed' || row?.status === 'expired') && (row.lastError ?? '').trim() !== '') {
      if (row.status === 'failed') failed++;
      else expired++;
      if (times > 0) sentButRecordedFailed++;
    } else {
      lost++;
    }
  }
  const duplicates = [...receivedCount.values()].reduce((sum, times) => sum + Math.max(0, times - 1), 0);
  return { asked: asked.length, sent, failed, expired, lost, duplicates, sentButRecordedFailed, recordedSentNeverReceived };
}
