import { randomUUID } from 'node:crypto';
import type { Collection, Filter, UpdateFilter } from 'mongodb';
import type {
  Claim,
  DeliveryCount,
  DeliveryFilter,
  DeliveryLedger,
  DueDelivery,
  ReceiptReference,
  RecordOutcome,
  Reschedule,
  ResendSelector,
  SupersedingDelivery,
} from '../../application/ports/delivery-ledger.port.ts';
import type { ReceiptStatus } from '../../application/ports/receipt-source.port.ts';
import type { DeliveryEvent } from '../../domain/deliveries/delivery-event.ts';
import type { Delivery, DeliveryRequest, DeliveryStatus } from '../../domain/deliveries/delivery.ts';
import type { Job } from '../../domain/deliveries/job.ts';
import {
  DELIVERY_INDEXES,
  LIST_SORT,
  RECEIPT_INDEXES,
  CURRENT_ATTEMPT_PROJECTION,
  afterHeldClaim,
  claimFilter,
  claimUpdate,
  currentEventsOf,
  failedReceiptFilter,
  failedReceiptUpdate,
  holdingCurrentAttempt,
  reclaimFilter,
  settleFilter,
  settleUpdate,
  withoutCurrentAttempt,
  expiredUpdate,
  parkUpdate,
  requeueFilter,
  requeueUpdate,
  resendableFilter,
  staleFilter,
  startsWaitingFilter,
  supersededFilter,
  waitingFilter,
  wakeFilter,
  failedUpdate,
  heldFilter,
  keepReceiptUpdate,
  leaseExpiredFilter,
  listFilter,
  mergeDue,
  pendingReceiptKey,
  purgeFilter,
  queuedDueFilter,
  receiptFilter,
  receiptUpdate,
  rescheduleUpdate,
  sentFilter,
  sentUpdate,
  staleReceiptsFilter,
  suppressedUpdate,
  toDelivery,
  type CurrentAttemptProjection,
  type DeliveryDocument,
  type DueProjection,
  type PendingReceiptDocument,
} from './mongodb.delivery-documents.ts';
import { collectionOf, isDuplicateKey, type DatabaseSource } from './mongodb.driver.ts';
import { MongoRecordBatch } from './mongodb.record-batch.ts';

export interface MongoDeliveryLedgerOptions {
  /** Collection of the deliveries (MONGODB_DELIVERIES_COLLECTION). */
  readonly deliveriesCollection: string;
  /** Collection of early receipts (MONGODB_RECEIPTS_COLLECTION). */
  readonly receiptsCollection: string;
  /** DELIVERY_RETENTION_DAYS: final deliveries expire this long after their last update. */
  readonly retentionDays: number;
}

const DUE_PROJECTION = { job: 1, eventKey: 1, channel: 1, nextAttemptAt: 1, leaseUntil: 1 } as const;
/** Lists and reads leave the history out: it is read on its own, by `history`. */
const WITHOUT_EVENTS = { projection: { events: 0 } } as const;

/**
 * The delivery ledger in MongoDB, behaving as the embedded one does. Without transactions (a
 * standalone server has none), each step is one atomic single-document write: the deterministic
 * `_id` makes recording idempotent, and claims are fenced by status and token in the write's filter.
 */
export class MongoDeliveryLedger implements DeliveryLedger {
  readonly #deliveries: () => Promise<Collection<DeliveryDocument>>;
  readonly #receipts: () => Promise<Collection<PendingReceiptDocument>>;
  readonly #retentionDays: number;
  /** Concurrent `record` calls share one bulk write (group commit). */
  readonly #recordBatch: MongoRecordBatch;

  constructor(db: DatabaseSource, options: MongoDeliveryLedgerOptions) {
    this.#deliveries = collectionOf<DeliveryDocument>(db, options.deliveriesCollection);
    this.#receipts = collectionOf<PendingReceiptDocument>(db, options.receiptsCollection);
    this.#retentionDays = options.retentionDays;
    this.#recordBatch = new MongoRecordBatch(this.#deliveries);
  }

  /** Creates the indexes both collections rely on; idempotent, run at start. */
  async ensureIndexes(): Promise<void> {
    const deliveries = await this.#deliveries();
    const receipts = await this.#receipts();
    await deliveries.createIndexes([...DELIVERY_INDEXES]);
    await receipts.createIndexes([...RECEIPT_INDEXES]);
  }

  async record(requests: readonly DeliveryRequest[], now: Date): Promise<RecordOutcome> {
    return this.#recordBatch.record(requests, now);
  }

  async due(now: Date, limit: number): Promise<DueDelivery[]> {
    const deliveries = await this.#deliveries();
    if (limit <= 0) return [];
    // Two simple queries rather than one $or, as the embedded ledger does: each is served, in order, by its own index.
    const [queued, expired] = await Promise.all([
      deliveries
        .find(queuedDueFilter(now))
        .sort({ nextAttemptAt: 1, createdAt: 1 })
        .limit(limit)
        .project<DueProjection>(DUE_PROJECTION)
        .toArray(),
      deliveries.find(leaseExpiredFilter(now)).sort({ leaseUntil: 1 }).limit(limit).project<DueProjection>(DUE_PROJECTION).toArray(),
    ]);
    return mergeDue(queued, expired, limit);
  }

  async claim(id: string, now: Date, leaseMs: number): Promise<Claim | undefined> {
    const deliveries = await this.#deliveries();
    const token = randomUUID();
    const leaseUntil = new Date(now.getTime() + leaseMs);
    // One write: the claim's time and attempt stay in the document (`claimedAt`, `attempts`) instead of an event.
    let document = await deliveries.findOneAndUpdate(claimFilter(id, now), claimUpdate(token, leaseUntil, now), {
      returnDocument: 'after',
      projection: { events: 0 },
    });
    if (document === null) {
      // A holder's lease ran out without an outcome: its claim goes into the history before this one replaces it.
      if ((await this.#settle({ _id: id, ...leaseExpiredFilter(now) })) === undefined) return undefined;
      document = await deliveries.findOneAndUpdate(reclaimFilter(id, now), claimUpdate(token, leaseUntil, now), {
        returnDocument: 'after',
        projection: { events: 0 },
      });
      if (document === null) return undefined;
    }
    return { delivery: toDelivery(document), token, leaseUntil };
  }

  async markSent(claim: Claim, outcome: { provider: string; providerMessageId: string | null }, now: Date): Promise<void> {
    const deliveries = await this.#deliveries();
    const receipts = await this.#receipts();
    await deliveries.updateOne(sentFilter(claim.delivery.id), sentUpdate(outcome, now, this.#retentionDays));
    if (outcome.providerMessageId === null) return;
    // Taken only after the send is recorded: a receipt kept after this point finds the delivery itself (see recordReceipt).
    const early = await receipts.findOneAndDelete(pendingReceiptKey(outcome.provider, outcome.providerMessageId));
    if (early !== null) await this.#applyReceipt(outcome.provider, { providerMessageId: outcome.providerMessageId }, early.status, now);
  }

  async reschedule(claim: Claim, outcome: Reschedule, now: Date): Promise<void> {
    const deliveries = await this.#deliveries();
    await deliveries.updateOne(heldFilter(claim), afterHeldClaim(claim, rescheduleUpdate(outcome, now)));
  }

  async markFailed(claim: Claim, outcome: { provider: string | null; error: string }, now: Date): Promise<void> {
    const deliveries = await this.#deliveries();
    await deliveries.updateOne(heldFilter(claim), afterHeldClaim(claim, failedUpdate(outcome, now, this.#retentionDays)));
  }

  async markSuppressed(claim: Claim, now: Date): Promise<void> {
    const deliveries = await this.#deliveries();
    await deliveries.updateOne(heldFilter(claim), afterHeldClaim(claim, suppressedUpdate(now, this.#retentionDays)));
  }

  async park(claim: Claim, outcome: { provider: string; cause: string; nextAttemptAt: Date }, now: Date): Promise<void> {
    const deliveries = await this.#deliveries();
    // Two fenced writes rather than a conditional one: the first applies only when the wait begins.
    const starting = await deliveries.updateOne(startsWaitingFilter(claim), afterHeldClaim(claim, parkUpdate(outcome, now, true)));
    if (starting.matchedCount === 0) await deliveries.updateOne(heldFilter(claim), afterHeldClaim(claim, parkUpdate(outcome, now, false)));
  }

  async wake(provider: string, now: Date): Promise<string[]> {
    const deliveries = await this.#deliveries();
    const waiting = await deliveries.find(wakeFilter(provider, now)).project<{ _id: string }>({ _id: 1 }).toArray();
    if (waiting.length === 0) return [];
    const ids = waiting.map((document) => document._id);
    await deliveries.updateMany({ ...wakeFilter(provider, now), _id: { $in: ids } }, { $set: { nextAttemptAt: now } });
    return ids;
  }

  async waitingCount(provider: string): Promise<number> {
    const deliveries = await this.#deliveries();
    return deliveries.countDocuments(waitingFilter(provider));
  }

  async markExpired(claim: Claim, reason: string, now: Date): Promise<void> {
    const deliveries = await this.#deliveries();
    await deliveries.updateOne(heldFilter(claim), afterHeldClaim(claim, expiredUpdate(reason, now, this.#retentionDays)));
  }

  async expireStale(job: Job, queuedBefore: Date, reason: string, now: Date): Promise<number> {
    const deliveries = await this.#deliveries();
    return (await deliveries.updateMany(staleFilter(job, queuedBefore), expiredUpdate(reason, now, this.#retentionDays))).modifiedCount;
  }

  async expireSuperseded(newer: SupersedingDelivery, reason: string, now: Date): Promise<number> {
    const deliveries = await this.#deliveries();
    return (await deliveries.updateMany(supersededFilter(newer), expiredUpdate(reason, now, this.#retentionDays))).modifiedCount;
  }

  async findResendable(selector: ResendSelector, limit: number): Promise<string[]> {
    const deliveries = await this.#deliveries();
    if (limit <= 0) return [];
    const documents = await deliveries
      .find(resendableFilter(selector))
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .project<{ _id: string }>({ _id: 1 })
      .toArray();
    return documents.map((document) => document._id);
  }

  async requeue(ids: readonly string[], now: Date): Promise<string[]> {
    const deliveries = await this.#deliveries();
    const requeued: string[] = [];
    for (const id of new Set(ids)) {
      const result = await deliveries.updateOne(requeueFilter(id), requeueUpdate(now));
      if (result.modifiedCount > 0) requeued.push(id);
    }
    return requeued;
  }

  async history(id: string): Promise<DeliveryEvent[]> {
    const deliveries = await this.#deliveries();
    const document = await deliveries.findOne({ _id: id }, { projection: { events: 1, ...CURRENT_ATTEMPT_PROJECTION } });
    if (document === null) return [];
    // The latest attempt's facts come last: any later event would have pushed them first.
    return [
      ...(document.events ?? []).map((event) => ({ at: event.at, type: event.type, detail: event.detail })),
      ...currentEventsOf(document),
    ];
  }

  /**
   * Pushes the latest attempt's facts of the document `filter` matches into its history: the document as it was
   * read, or undefined if none matches. Fenced on the facts read, so that no fact is pushed twice.
   */
  async #settle(filter: Filter<DeliveryDocument>): Promise<CurrentAttemptProjection | undefined> {
    const deliveries = await this.#deliveries();
    const document = await deliveries.findOne(filter, { projection: CURRENT_ATTEMPT_PROJECTION });
    if (document === null) return undefined;
    if (currentEventsOf(document).length > 0) await deliveries.updateOne(settleFilter(document), settleUpdate(document));
    return document;
  }

  /**
   * A receipt's event comes after the send it is about: it applies only to documents whose latest attempt's facts
   * are in their history, which it pushes first. A document that gained such facts meanwhile (a send confirmed at
   * the same moment) is taken on the next round. The number of documents the update matched.
   */
  async #afterCurrentAttempts(filter: Filter<DeliveryDocument>, update: UpdateFilter<DeliveryDocument>): Promise<number> {
    const deliveries = await this.#deliveries();
    let matched = 0;
    for (let round = 0; round < 3; round++) {
      const holding = await deliveries
        .find(holdingCurrentAttempt(filter))
        .project<CurrentAttemptProjection>(CURRENT_ATTEMPT_PROJECTION)
        .toArray();
      if (round > 0 && holding.length === 0) break;
      for (const document of holding) await deliveries.updateOne(settleFilter(document), settleUpdate(document));
      matched += (await deliveries.updateMany(withoutCurrentAttempt(filter), update)).matchedCount;
    }
    return matched;
  }

  async recordReceipt(provider: string, reference: ReceiptReference, status: ReceiptStatus, now: Date, error?: string): Promise<boolean> {
    const deliveries = await this.#deliveries();
    const receipts = await this.#receipts();
    if (status === 'failed') {
      const matched = await this.#afterCurrentAttempts(
        failedReceiptFilter(provider, reference),
        failedReceiptUpdate(error ?? 'failed: reported by the provider', now, this.#retentionDays, provider),
      );
      return matched > 0;
    }
    if (await this.#applyReceipt(provider, reference, status, now)) return true;
    if (!('providerMessageId' in reference)) return false;
    // Possibly about a send not confirmed yet: kept until markSent learns the provider's message id.
    await this.#keepReceipt(provider, reference.providerMessageId, status, now);
    // Without a transaction, markSent may have recorded the send and looked for kept receipts between
    // our first try and the keeping: trying once more after keeping means one of the two always applies it.
    if (!(await this.#applyReceipt(provider, reference, status, now))) return false;
    await receipts.deleteOne(pendingReceiptKey(provider, reference.providerMessageId));
    return true;
  }

  async #applyReceipt(provider: string, reference: ReceiptReference, status: 'delivered' | 'read', now: Date): Promise<boolean> {
    // Many deliveries can share a provider message id (one batch send), as the embedded ledger allows.
    const matched = await this.#afterCurrentAttempts(
      receiptFilter(provider, reference, status),
      receiptUpdate(status, now, this.#retentionDays, provider),
    );
    return matched > 0;
  }

  async #keepReceipt(provider: string, providerMessageId: string, status: 'delivered' | 'read', now: Date): Promise<void> {
    const receipts = await this.#receipts();
    const keep = () =>
      receipts.updateOne(pendingReceiptKey(provider, providerMessageId), keepReceiptUpdate(status, now, this.#retentionDays), {
        upsert: true,
      });
    try {
      await keep();
    } catch (error) {
      // Two upserts of the same key at once: the second now finds the first's document.
      if (!(await isDuplicateKey(error))) throw error;
      await keep();
    }
  }

  async get(id: string): Promise<Delivery | undefined> {
    const deliveries = await this.#deliveries();
    const document = await deliveries.findOne({ _id: id }, WITHOUT_EVENTS);
    return document === null ? undefined : toDelivery(document);
  }

  async list(filter: DeliveryFilter): Promise<Delivery[]> {
    const deliveries = await this.#deliveries();
    // limit(0) would mean "no limit" to MongoDB.
    if (filter.limit <= 0) return [];
    const documents = await deliveries
      .find(listFilter(filter), WITHOUT_EVENTS)
      .sort(LIST_SORT)
      .skip(filter.offset ?? 0)
      .limit(filter.limit)
      .toArray();
    return documents.map(toDelivery);
  }

  async counts(since?: Date): Promise<DeliveryCount[]> {
    const deliveries = await this.#deliveries();
    const groups = await deliveries
      .aggregate<{ _id: { job: Job; status: DeliveryStatus }; count: number }>([
        ...(since === undefined ? [] : [{ $match: { createdAt: { $gte: since } } }]),
        { $group: { _id: { job: '$job', status: '$status' }, count: { $sum: 1 } } },
      ])
      .toArray();
    return groups.map((group) => ({ job: group._id.job, status: group._id.status, count: group.count }));
  }

  async purge(before: Date): Promise<number> {
    const deliveries = await this.#deliveries();
    const receipts = await this.#receipts();
    await receipts.deleteMany(staleReceiptsFilter(before));
    return (await deliveries.deleteMany(purgeFilter(before))).deletedCount;
  }
}
