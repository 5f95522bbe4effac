import type { Channel, Delivery, DeliveryRequest, DeliveryStatus, ResendableStatus } from '../../domain/deliveries/delivery.ts';
import type { DeliveryEvent } from '../../domain/deliveries/delivery-event.ts';
import type { Job } from '../../domain/deliveries/job.ts';
import type { ReceiptStatus } from './receipt-source.port.ts';

export interface RecordOutcome {
  /** Deliveries this call created. */
  readonly created: readonly Delivery[];
  /** Requests whose delivery already existed (from an earlier or concurrent call, or repeated in this one). */
  readonly existing: readonly Delivery[];
}

export type ReceiptReference =
  | {
      readonly providerMessageId: string;
      /**
       * Other forms of the same message's id, any of which may be the one recorded at sending (Waapi: the
       * serialized id, which WhatsApp's LID ids can change, beside its stable hash).
       */
      readonly aliases?: readonly string[];
    }
  | { readonly deliveryId: string };

export interface Reschedule {
  readonly provider: string | null;
  readonly error: string;
  readonly nextAttemptAt: Date;
  /** False when the failure says nothing about the message (a rate limit); true when absent. */
  readonly attemptSpent?: boolean;
}

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
  /** Null: deliveries of no single client (shown as `unknown`). */
  readonly clientId?: string | null | undefined;
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

/** Which failed or expired deliveries an operator sends again: by id, or by a filter (times on `createdAt`). */
export type ResendSelector =
  | { readonly ids: readonly string[] }
  | {
      readonly status?: ResendableStatus | undefined;
      readonly job?: Job | undefined;
      readonly clientId?: string | null | undefined;
      readonly since?: Date | undefined;
      readonly until?: Date | undefined;
    };

/** A newer version of a newsletter was recorded: older versions still queued for the same recipient expire. */
export interface SupersedingDelivery {
  readonly id: string;
  readonly job: Job;
  readonly channel: Channel;
  readonly recipient: string;
  /** The event-key prefix all versions share (see `versionSeriesOf`). */
  readonly series: string;
  readonly createdAt: Date;
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
  /**
   * Back to `queued` until `nextAttemptAt`, keeping the error. With `attemptSpent: false` (a rate limit:
   * the provider asked us to slow down) the attempt the claim counted is given back.
   */
  reschedule(claim: Claim, outcome: Reschedule, now: Date): Promise<void>;
  markFailed(claim: Claim, outcome: { provider: string | null; error: string }, now: Date): Promise<void>;
  /** The recipient asked to receive nothing (a suppressed number): final, never sent, never retried. */
  markSuppressed(claim: Claim, now: Date): Promise<void>;
  /**
   * Back to `queued` until `nextAttemptAt` WITHOUT spending the attempt the claim counted: the provider,
   * not the message, failed. Marks the delivery as waiting for `provider` (recording `waiting` once, when the wait begins).
   */
  park(claim: Claim, outcome: { provider: string; cause: string; nextAttemptAt: Date }, now: Date): Promise<void>;
  /** The provider answers again: the deliveries waiting for it become due now (oldest first by `due`). Their ids. */
  wake(provider: string, now: Date): Promise<string[]>;
  /** Deliveries waiting for `provider` now. */
  waitingCount(provider: string): Promise<number>;
  /** Too old to be worth sending: `expired` with the reason, instead of being sent. */
  markExpired(claim: Claim, reason: string, now: Date): Promise<void>;
  /** Queued (not held) deliveries of `job` that entered the queue before `queuedBefore` become `expired`. Their count. */
  expireStale(job: Job, queuedBefore: Date, reason: string, now: Date): Promise<number>;
  /** Queued deliveries of older versions of the same newsletter to the same recipient become `expired`. Their count. */
  expireSuperseded(newer: SupersedingDelivery, reason: string, now: Date): Promise<number>;
  /** Ids of failed or expired deliveries the selector names, oldest first, at most `limit`. */
  findResendable(selector: ResendSelector, limit: number): Promise<string[]>;
  /**
   * Puts failed or expired deliveries back in the queue, due now, attempts starting over, id and history
   * kept; any other status is left alone (a delivery the provider took is never sent again). The ids requeued.
   */
  requeue(ids: readonly string[], now: Date): Promise<string[]>;
  /** What happened to a delivery, oldest first; empty when it is unknown. */
  history(id: string): Promise<DeliveryEvent[]>;
  /**
   * Moves a sent delivery forward (`delivered`, then `read`), found by the provider's message id or by
   * our own delivery id (for providers that echo it back); false when no delivery matches. A receipt by
   * message id that matches nothing yet may be about a send not confirmed yet (gowa can call back before
   * answering): it is kept and applied by `markSent`. A `failed` receipt (the provider reports that a
   * message it took was not delivered: Waapi `ack: -1`, Cloud API's `failed` status) fails a delivery still
   * `sending` or `sent` with `error`; it never undoes a delivered or read one and is not kept.
   */
  recordReceipt(provider: string, reference: ReceiptReference, status: ReceiptStatus, now: Date, error?: string): Promise<boolean>;
  get(id: string): Promise<Delivery | undefined>;
  /** Newest first. */
  list(filter: DeliveryFilter): Promise<Delivery[]>;
  /** By job and status; with `since`, only deliveries created at or after it (today's, for the console). */
  counts(since?: Date): Promise<DeliveryCount[]>;
  /** Forgets final deliveries last updated before `before`; the retention period of the "already sent" record. */
  purge(before: Date): Promise<number>;
}
