import type { Channel, Delivery, DeliveryRequest, DeliveryStatus } from '../../domain/deliveries/delivery.ts';
import type { Job } from '../../domain/deliveries/job.ts';

export interface RecordOutcome {
  /** Deliveries this call created. */
  readonly created: readonly Delivery[];
  /** Requests whose delivery already existed (from an earlier or concurrent call, or repeated in this one). */
  readonly existing: readonly Delivery[];
}

export type ReceiptReference = { readonly providerMessageId: string } | { readonly deliveryId: string };

/** Proof that the holder may send a delivery until `leaseUntil`. */
export interface Claim {
  readonly delivery: Delivery;
  readonly token: string;
  readonly leaseUntil: Date;
}

/** Enough of a due delivery to group it with others of the same event before claiming it. */
export interface DueDelivery {
  readonly id: string;
  readonly job: Job;
  readonly eventKey: string;
  readonly channel: Channel;
}

export interface DeliveryFilter {
  readonly clientId?: string | undefined;
  readonly status?: DeliveryStatus | undefined;
  readonly job?: Job | undefined;
  /** The exact recipient (an E.164 number on WhatsApp): the operator looks a person up by number. */
  readonly recipient?: string | undefined;
  /** Created at or after. */
  readonly createdFrom?: Date | undefined;
  /** Created strictly before. */
  readonly createdBefore?: Date | undefined;
  /** How many of the newest matching deliveries to skip (pages). */
  readonly offset?: number | undefined;
  readonly limit: number;
}

export interface DeliveryCount {
  readonly job: Job;
  readonly status: DeliveryStatus;
  readonly count: number;
}

/**
 * The record of every message: what must be sent, what was, and what failed. It is what makes
 * sending at most once per (job, event, recipient) and never losing a message possible:
 *
 * - `record` creates each delivery once, however often or concurrently the same request arrives;
 * - `claim` hands a delivery to one sender at a time, for a lease; a sender that dies lets the lease
 *   expire and the delivery becomes due again;
 * - only `markSent` records a success, and only after the provider took the message.
 */
export interface DeliveryLedger {
  record(requests: readonly DeliveryRequest[], now: Date): Promise<RecordOutcome>;
  /** Deliveries to send now: queued and due, or sending with an expired lease. Oldest first. */
  due(now: Date, limit: number): Promise<DueDelivery[]>;
  /** Takes a due delivery and counts an attempt; undefined when it is not due, final or held by another sender. */
  claim(id: string, now: Date, leaseMs: number): Promise<Claim | undefined>;
  markSent(claim: Claim, outcome: { provider: string; providerMessageId: string | null }, now: Date): Promise<void>;
  /** Back to `queued` until `nextAttemptAt`, keeping the error. */
  reschedule(claim: Claim, outcome: { provider: string | null; error: string; nextAttemptAt: Date }, now: Date): Promise<void>;
  markFailed(claim: Claim, outcome: { provider: string | null; error: string }, now: Date): Promise<void>;
  /**
   * Moves a sent delivery forward (`delivered`, then `read`), found by the provider's message id or by
   * our own delivery id (for providers that echo it back); false when no delivery matches. A receipt by
   * message id that matches nothing yet may be about a send not confirmed yet (gowa can call back before
   * answering): it is kept and applied by `markSent`.
   */
  recordReceipt(provider: string, reference: ReceiptReference, status: 'delivered' | 'read', now: Date): Promise<boolean>;
  get(id: string): Promise<Delivery | undefined>;
  /** Newest first. */
  list(filter: DeliveryFilter): Promise<Delivery[]>;
  /** By job and status; with `since`, only deliveries created at or after it (today's, for the console). */
  counts(since?: Date): Promise<DeliveryCount[]>;
  /** Forgets final deliveries last updated before `before`; the retention period of the "already sent" record. */
  purge(before: Date): Promise<number>;
}
