import type { Filter, IndexDescription, UpdateFilter } from 'mongodb';
import type {
  Claim,
  DeliveryFilter,
  DueDelivery,
  ReceiptReference,
  Reschedule,
  ResendSelector,
  SupersedingDelivery,
} from '../../application/ports/delivery-ledger.port.ts';
import { claimedEvent, currentAttemptEvents } from '../../domain/deliveries/current-attempt.ts';
import type { DeliveryEvent, DeliveryEventType } from '../../domain/deliveries/delivery-event.ts';
import {
  FINAL_STATUSES,
  queuedDelivery,
  type Channel,
  type Delivery,
  type DeliveryRequest,
  type DeliveryStatus,
} from '../../domain/deliveries/delivery.ts';
import type { Job } from '../../domain/deliveries/job.ts';
import type { OutgoingMessage } from '../../domain/deliveries/message.ts';

/*
 * The ledger's documents and the queries over them, as pure values: what the adapter sends to
 * MongoDB can be checked without a server, and the adapter's methods stay one call each.
 */

/** One delivery, keyed by its deterministic id: the same fields as the embedded `deliveries` table. */
export interface DeliveryDocument {
  _id: string;
  job: Job;
  eventKey: string;
  clientId: string | null;
  channel: Channel;
  recipient: string;
  message: OutgoingMessage;
  status: DeliveryStatus;
  provider: string | null;
  providerMessageId: string | null;
  attempts: number;
  lastError: string | null;
  claimToken: string | null;
  leaseUntil: Date | null;
  nextAttemptAt: Date;
  createdAt: Date;
  updatedAt: Date;
  /** Set when the delivery becomes final: the TTL index forgets it then, even if `purge` never runs. */
  expiresAt: Date | null;
  /** Absent on documents written before issue 10 (then: not waiting, queued at `createdAt`, no history). */
  waitingFor?: string | null;
  waitingSince?: Date | null;
  queuedAt?: Date;
  /** The delivery's history, oldest first, capped (see EVENTS_KEPT): the embedded ledger's `delivery_events`. */
  events?: DeliveryEvent[];
  /**
   * The latest attempt's claim and send, read as its last 'claimed' and 'sent' events (current-attempt.ts): a
   * successful send pushes no event. Pushed into `events` before any later event. Absent on older documents.
   */
  claimedAt?: Date | null;
  sentAt?: Date | null;
}

/** What `history` and settling read of a delivery beside its stored events. */
export type CurrentAttemptProjection = Pick<
  DeliveryDocument,
  '_id' | 'claimedAt' | 'sentAt' | 'attempts' | 'provider' | 'providerMessageId'
>;

export const CURRENT_ATTEMPT_PROJECTION = { claimedAt: 1, sentAt: 1, attempts: 1, provider: 1, providerMessageId: 1 } as const;

/** A history longer than this keeps its newest events: a delivery waiting for days is looked at many times. */
const EVENTS_KEPT = 200;

/** Appends one event to the history, in the same single-document write as the change it records. */
function pushEvent(type: DeliveryEventType, detail: string, at: Date): { events: { $each: DeliveryEvent[]; $slice: number } } {
  return pushEvents([{ at, type, detail }]);
}

function pushEvents(events: DeliveryEvent[]): { events: { $each: DeliveryEvent[]; $slice: number } } {
  return { events: { $each: events, $slice: -EVENTS_KEPT } };
}

/** The latest attempt's events a document stands for, after its stored ones. */
export function currentEventsOf(document: CurrentAttemptProjection): DeliveryEvent[] {
  return currentAttemptEvents({
    claimedAt: document.claimedAt ?? null,
    attempt: document.attempts,
    sentAt: document.sentAt ?? null,
    provider: document.provider,
    providerMessageId: document.providerMessageId,
  });
}

/** Holds facts of the latest attempt not pushed into its history yet. */
const HOLDS_CURRENT_ATTEMPT: Filter<DeliveryDocument> = { $or: [{ claimedAt: { $ne: null } }, { sentAt: { $ne: null } }] };

/** Of the documents `filter` matches, those whose latest attempt's facts are still to be pushed. */
export function holdingCurrentAttempt(filter: Filter<DeliveryDocument>): Filter<DeliveryDocument> {
  return { ...filter, ...HOLDS_CURRENT_ATTEMPT };
}

/** Of the documents `filter` matches, those with no latest attempt's facts left to push (null matches absent fields). */
export function withoutCurrentAttempt(filter: Filter<DeliveryDocument>): Filter<DeliveryDocument> {
  return { ...filter, claimedAt: null, sentAt: null };
}

/** Fenced on the facts as read: applies only if no one changed them since. */
export function settleFilter(document: CurrentAttemptProjection): Filter<DeliveryDocument> {
  return { _id: document._id, claimedAt: document.claimedAt ?? null, sentAt: document.sentAt ?? null };
}

/** Pushes the latest attempt's facts into the history as events, and clears them. */
export function settleUpdate(document: CurrentAttemptProjection): UpdateFilter<DeliveryDocument> {
  return { $push: pushEvents(currentEventsOf(document)), $set: { claimedAt: null, sentAt: null } };
}

/**
 * An outcome of the claim held (the filter is `heldFilter`): its claim, held by the document as `claimedAt`
 * (the claim's time, the delivery's `updatedAt` when claimed), goes into the history first, in the same write.
 */
export function afterHeldClaim(claim: Claim, update: UpdateFilter<DeliveryDocument>): UpdateFilter<DeliveryDocument> {
  const pushed = (update.$push as { events?: { $each: DeliveryEvent[] } } | undefined)?.events?.$each ?? [];
  return {
    ...update,
    $set: { ...update.$set, claimedAt: null },
    $push: pushEvents([claimedEvent(claim.delivery.attempts, claim.delivery.updatedAt), ...pushed]),
  };
}

/** A receipt that arrived before `markSent` told us the provider's message id it is about. */
export interface PendingReceiptDocument {
  provider: string;
  providerMessageId: string;
  status: 'delivered' | 'read';
  receivedAt: Date;
  expiresAt: Date;
}

export type DueProjection = Pick<DeliveryDocument, '_id' | 'job' | 'eventKey' | 'channel' | 'nextAttemptAt' | 'leaseUntil'>;

const DAY_MS = 86_400_000;

/** Statuses after which `markSent` has nothing left to record. */
const CONFIRMED_STATUSES: readonly DeliveryStatus[] = ['sent', 'delivered', 'read'];

/** When a document that became final (or a receipt kept) at `at` is forgotten. */
export function expiryOf(at: Date, retentionDays: number): Date {
  return new Date(at.getTime() + retentionDays * DAY_MS);
}

export function newDeliveryDocument(id: string, request: DeliveryRequest, now: Date): DeliveryDocument {
  const { id: _id, message, ...delivery } = queuedDelivery(id, request, now);
  return {
    _id,
    ...delivery,
    message: plainMessage(message),
    claimToken: null,
    leaseUntil: null,
    expiresAt: null,
    events: [{ at: now, type: 'recorded', detail: `${request.job} via ${request.channel}` }],
  };
}

/**
 * The message as JSON keeps it, as the embedded ledger stores it: fields left undefined are
 * dropped rather than stored as null, so the message reads back exactly as it was recorded.
 */
function plainMessage(message: OutgoingMessage): OutgoingMessage {
  return JSON.parse(JSON.stringify(message)) as OutgoingMessage;
}

/** The position of each id's first occurrence, in order of first occurrence. */
export function firstOccurrences(ids: readonly string[]): Map<string, number> {
  const firsts = new Map<string, number>();
  ids.forEach((id, index) => {
    if (!firsts.has(id)) firsts.set(id, index);
  });
  return firsts;
}

export function toDelivery(document: DeliveryDocument): Delivery {
  return {
    id: document._id,
    job: document.job,
    eventKey: document.eventKey,
    clientId: document.clientId,
    channel: document.channel,
    recipient: document.recipient,
    message: document.message,
    status: document.status,
    provider: document.provider,
    providerMessageId: document.providerMessageId,
    attempts: document.attempts,
    lastError: document.lastError,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
    nextAttemptAt: document.nextAttemptAt,
    waitingFor: document.waitingFor ?? null,
    waitingSince: document.waitingSince ?? null,
    queuedAt: document.queuedAt ?? document.createdAt,
  };
}

/** Queued and due: served by the index `{status, nextAttemptAt}`. */
export function queuedDueFilter(now: Date): Filter<DeliveryDocument> {
  return { status: 'queued', nextAttemptAt: { $lte: now } };
}

/** Held by a sender whose lease ran out: served by the index `{status, leaseUntil}`. */
export function leaseExpiredFilter(now: Date): Filter<DeliveryDocument> {
  return { status: 'sending', leaseUntil: { $lte: now } };
}

/** What may be claimed now: queued and due, or sending with an expired lease. */
export function dueFilter(now: Date): Filter<DeliveryDocument> {
  return { $or: [queuedDueFilter(now), leaseExpiredFilter(now)] };
}

/** The usual claim: queued and due. Such a delivery holds no earlier attempt's facts (what queued it pushed them). */
export function claimFilter(id: string, now: Date): Filter<DeliveryDocument> {
  return { _id: id, ...queuedDueFilter(now) };
}

/** Taking over from a holder whose lease ran out, once its claim is pushed into the history. */
export function reclaimFilter(id: string, now: Date): Filter<DeliveryDocument> {
  return { _id: id, ...leaseExpiredFilter(now), claimedAt: null };
}

/** The due deliveries of both queries, oldest due time first (next attempt, or lease end), at most `limit`. */
export function mergeDue(queued: readonly DueProjection[], expired: readonly DueProjection[], limit: number): DueDelivery[] {
  const timed = [
    ...queued.map((document) => ({ document, at: document.nextAttemptAt.getTime() })),
    ...expired.map((document) => ({ document, at: (document.leaseUntil ?? document.nextAttemptAt).getTime() })),
  ];
  return timed
    .sort((a, b) => a.at - b.at)
    .slice(0, limit)
    .map(({ document }) => ({ id: document._id, job: document.job, eventKey: document.eventKey, channel: document.channel }));
}

/** Takes the delivery for one sender: a fresh token fences out whoever held it before. */
export function claimUpdate(token: string, leaseUntil: Date, now: Date): UpdateFilter<DeliveryDocument> {
  return { $set: { status: 'sending', claimToken: token, leaseUntil, updatedAt: now, claimedAt: now }, $inc: { attempts: 1 } };
}

/** Only the current holder of the claim may reschedule or fail the delivery. */
export function heldFilter(claim: Claim): Filter<DeliveryDocument> {
  return { _id: claim.delivery.id, status: 'sending', claimToken: claim.token };
}

/** A confirmed send is recorded whoever holds the claim now (the message did leave), unless already recorded. */
export function sentFilter(id: string): Filter<DeliveryDocument> {
  return { _id: id, status: { $nin: CONFIRMED_STATUSES } };
}

export function sentUpdate(
  outcome: { provider: string; providerMessageId: string | null },
  now: Date,
  retentionDays: number,
): UpdateFilter<DeliveryDocument> {
  return {
    $set: {
      status: 'sent',
      provider: outcome.provider,
      providerMessageId: outcome.providerMessageId,
      claimToken: null,
      leaseUntil: null,
      updatedAt: now,
      expiresAt: expiryOf(now, retentionDays),
      waitingFor: null,
      waitingSince: null,
      sentAt: now,
    },
  };
}

export function rescheduleUpdate(outcome: Reschedule, now: Date): UpdateFilter<DeliveryDocument> {
  return {
    $set: {
      status: 'queued',
      ...keptProvider(outcome.provider),
      lastError: outcome.error,
      nextAttemptAt: outcome.nextAttemptAt,
      claimToken: null,
      leaseUntil: null,
      updatedAt: now,
      waitingFor: null,
      waitingSince: null,
    },
    ...(outcome.attemptSpent === false ? { $inc: { attempts: -1 } } : {}),
    $push: pushEvent('attempt-failed', failureDetail(outcome), now),
  };
}

/**
 * The provider failed, not the message: back in the queue with the attempt given back. `starting` when
 * the delivery was not waiting yet (the filter says so), which is the only wait written into its history.
 */
export function parkUpdate(
  outcome: { provider: string; cause: string; nextAttemptAt: Date },
  now: Date,
  starting: boolean,
): UpdateFilter<DeliveryDocument> {
  return {
    $set: {
      status: 'queued',
      lastError: outcome.cause,
      nextAttemptAt: outcome.nextAttemptAt,
      waitingFor: outcome.provider,
      claimToken: null,
      leaseUntil: null,
      updatedAt: now,
      ...(starting ? { waitingSince: now } : {}),
    },
    $inc: { attempts: -1 },
    ...(starting ? { $push: pushEvent('waiting', `waiting for ${outcome.provider}: ${outcome.cause}`, now) } : {}),
  };
}

/** Held by this claim and not waiting yet. */
export function startsWaitingFilter(claim: Claim): Filter<DeliveryDocument> {
  return { ...heldFilter(claim), waitingSince: null };
}

export function wakeFilter(provider: string, now: Date): Filter<DeliveryDocument> {
  return { status: 'queued', waitingFor: provider, nextAttemptAt: { $gt: now } };
}

export function waitingFilter(provider: string): Filter<DeliveryDocument> {
  return { waitingFor: provider, status: { $in: ['queued', 'sending'] } };
}

export function expiredUpdate(reason: string, now: Date, retentionDays: number): UpdateFilter<DeliveryDocument> {
  return {
    $set: {
      status: 'expired',
      lastError: reason,
      claimToken: null,
      leaseUntil: null,
      updatedAt: now,
      expiresAt: expiryOf(now, retentionDays),
    },
    $push: pushEvent('expired', reason, now),
  };
}

/** Queued, of `job`, in the queue since before `queuedBefore` (documents from before issue 10: by `createdAt`). */
export function staleFilter(job: Job, queuedBefore: Date): Filter<DeliveryDocument> {
  return {
    status: 'queued',
    job,
    $or: [{ queuedAt: { $lt: queuedBefore } }, { queuedAt: { $exists: false }, createdAt: { $lt: queuedBefore } }],
  };
}

/** Older versions of the same newsletter, still queued for the same recipient. */
export function supersededFilter(newer: SupersedingDelivery): Filter<DeliveryDocument> {
  return {
    _id: { $ne: newer.id },
    status: 'queued',
    job: newer.job,
    channel: newer.channel,
    recipient: newer.recipient,
    createdAt: { $lte: newer.createdAt },
    eventKey: { $regex: `^${escapeRegex(newer.series)}` },
  };
}

export function resendableFilter(selector: ResendSelector): Filter<DeliveryDocument> {
  const resendable = { status: { $in: ['failed', 'expired'] as DeliveryStatus[] } };
  if ('ids' in selector) return { _id: { $in: [...selector.ids] }, ...resendable };
  const created = {
    ...(selector.since === undefined ? {} : { $gte: selector.since }),
    ...(selector.until === undefined ? {} : { $lte: selector.until }),
  };
  return {
    ...resendable,
    ...(selector.status === undefined ? {} : { status: selector.status }),
    ...(selector.job === undefined ? {} : { job: selector.job }),
    ...(selector.clientId === undefined ? {} : { clientId: selector.clientId }),
    ...(Object.keys(created).length === 0 ? {} : { createdAt: created }),
  };
}

export function requeueFilter(id: string): Filter<DeliveryDocument> {
  return { _id: id, status: { $in: ['failed', 'expired'] } };
}

export function requeueUpdate(now: Date): UpdateFilter<DeliveryDocument> {
  return {
    $set: {
      status: 'queued',
      attempts: 0,
      lastError: null,
      nextAttemptAt: now,
      queuedAt: now,
      waitingFor: null,
      waitingSince: null,
      claimToken: null,
      leaseUntil: null,
      updatedAt: now,
      expiresAt: null,
    },
    $push: pushEvent('requeued', 'requeued by an operator; attempts start over', now),
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

function failureDetail(outcome: { provider: string | null; error: string }): string {
  return outcome.provider === null ? outcome.error : `${outcome.provider}: ${outcome.error}`;
}

export function failedUpdate(
  outcome: { provider: string | null; error: string },
  now: Date,
  retentionDays: number,
): UpdateFilter<DeliveryDocument> {
  return {
    $set: {
      status: 'failed',
      ...keptProvider(outcome.provider),
      lastError: outcome.error,
      claimToken: null,
      leaseUntil: null,
      updatedAt: now,
      expiresAt: expiryOf(now, retentionDays),
    },
    $push: pushEvent('failed', failureDetail(outcome), now),
  };
}

export function suppressedUpdate(now: Date, retentionDays: number): UpdateFilter<DeliveryDocument> {
  return {
    $set: { status: 'suppressed', claimToken: null, leaseUntil: null, updatedAt: now, expiresAt: expiryOf(now, retentionDays) },
    $push: pushEvent('suppressed', 'the recipient asked to receive nothing', now),
  };
}

/** A failure that names no provider keeps the one recorded before (SQL `coalesce(?, provider)`). */
function keptProvider(provider: string | null): { provider?: string } {
  return provider === null ? {} : { provider };
}

/** Receipts only move forward: a late "delivered" never undoes a "read". */
export function receiptSources(status: 'delivered' | 'read'): DeliveryStatus[] {
  return status === 'read' ? ['sending', 'sent', 'delivered', 'failed'] : ['sending', 'sent', 'failed'];
}

export function receiptFilter(provider: string, reference: ReceiptReference, status: 'delivered' | 'read'): Filter<DeliveryDocument> {
  return { ...receiptKey(reference), provider, status: { $in: receiptSources(status) } };
}

/** A late failure (Waapi `ack: -1`) only fails what is not known to have arrived: a delivered or read one stays so. */
export function failedReceiptFilter(provider: string, reference: ReceiptReference): Filter<DeliveryDocument> {
  return { ...receiptKey(reference), provider, status: { $in: ['sending', 'sent'] } };
}

export function failedReceiptUpdate(error: string, now: Date, retentionDays: number, provider: string): UpdateFilter<DeliveryDocument> {
  return {
    $set: { status: 'failed', lastError: error, updatedAt: now, expiresAt: expiryOf(now, retentionDays) },
    $push: pushEvent('failed', `receipt from ${provider}: ${error}`, now),
  };
}

/** Our delivery id, or any form of the provider's message id that the receipt names. */
function receiptKey(reference: ReceiptReference): Filter<DeliveryDocument> {
  if ('deliveryId' in reference) return { _id: reference.deliveryId };
  const ids = [reference.providerMessageId, ...(reference.aliases ?? [])];
  return ids.length === 1 ? { providerMessageId: reference.providerMessageId } : { providerMessageId: { $in: ids } };
}

export function receiptUpdate(
  status: 'delivered' | 'read',
  now: Date,
  retentionDays: number,
  provider = 'the provider',
): UpdateFilter<DeliveryDocument> {
  return {
    $set: { status, updatedAt: now, expiresAt: expiryOf(now, retentionDays) },
    $push: pushEvent(status, `receipt from ${provider}`, now),
  };
}

export function pendingReceiptKey(provider: string, providerMessageId: string): Filter<PendingReceiptDocument> {
  return { provider, providerMessageId };
}

/**
 * Keeps an early receipt, upserted by its key. "read" overwrites what was kept; "delivered" is only
 * written when nothing was (what was kept is "delivered" or "read", both at least as far), so a
 * kept receipt only moves forward too.
 */
export function keepReceiptUpdate(status: 'delivered' | 'read', now: Date, retentionDays: number): UpdateFilter<PendingReceiptDocument> {
  const inserted = { receivedAt: now, expiresAt: expiryOf(now, retentionDays) };
  return status === 'read' ? { $set: { status }, $setOnInsert: inserted } : { $setOnInsert: { status, ...inserted } };
}

export function listFilter(filter: DeliveryFilter): Filter<DeliveryDocument> {
  return {
    ...(filter.clientId === undefined ? {} : { clientId: filter.clientId }),
    ...(filter.status === undefined ? {} : { status: filter.status }),
    ...(filter.job === undefined ? {} : { job: filter.job }),
    ...(filter.recipient === undefined ? {} : { recipient: filter.recipient }),
    ...createdRange(filter),
  };
}

function createdRange(filter: DeliveryFilter): Filter<DeliveryDocument> {
  if (filter.createdFrom === undefined && filter.createdBefore === undefined) return {};
  return {
    createdAt: {
      ...(filter.createdFrom === undefined ? {} : { $gte: filter.createdFrom }),
      ...(filter.createdBefore === undefined ? {} : { $lt: filter.createdBefore }),
    },
  };
}

/** Newest first; the id breaks ties between deliveries of the same millisecond, so pages are stable. */
export const LIST_SORT = { createdAt: -1, _id: -1 } as const;

export function purgeFilter(before: Date): Filter<DeliveryDocument> {
  return { status: { $in: FINAL_STATUSES }, updatedAt: { $lt: before } };
}

export function staleReceiptsFilter(before: Date): Filter<PendingReceiptDocument> {
  return { receivedAt: { $lt: before } };
}

export const DELIVERY_INDEXES: readonly IndexDescription[] = [
  // Redundant with the deterministic _id, but states the rule in the database itself.
  { name: 'job_eventKey_channel_recipient', key: { job: 1, eventKey: 1, channel: 1, recipient: 1 }, unique: true },
  { name: 'status_nextAttemptAt', key: { status: 1, nextAttemptAt: 1 } },
  // Deliveries woken together share their due time: the oldest goes first.
  { name: 'status_nextAttemptAt_createdAt', key: { status: 1, nextAttemptAt: 1, createdAt: 1 } },
  { name: 'status_leaseUntil', key: { status: 1, leaseUntil: 1 } },
  // The _id suffix matches LIST_SORT, so listing never sorts in memory.
  { name: 'createdAt_desc', key: { createdAt: -1, _id: -1 } },
  { name: 'clientId_createdAt_desc', key: { clientId: 1, createdAt: -1, _id: -1 } },
  { name: 'provider_providerMessageId', key: { provider: 1, providerMessageId: 1 } },
  { name: 'waitingFor_status', key: { waitingFor: 1, status: 1 } },
  // Deletes a document once its `expiresAt` has passed; documents whose `expiresAt` is null never expire.
  { name: 'expiresAt_ttl', key: { expiresAt: 1 }, expireAfterSeconds: 0 },
];

export const RECEIPT_INDEXES: readonly IndexDescription[] = [
  { name: 'provider_providerMessageId', key: { provider: 1, providerMessageId: 1 }, unique: true },
  { name: 'expiresAt_ttl', key: { expiresAt: 1 }, expireAfterSeconds: 0 },
];
