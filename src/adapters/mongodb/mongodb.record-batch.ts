import type { AnyBulkWriteOperation, BulkWriteResult, Collection } from 'mongodb';
import type { RecordOutcome } from '../../application/ports/delivery-ledger.port.ts';
import { deliveryIdOf, type DeliveryRequest } from '../../domain/deliveries/delivery.ts';
import { firstOccurrences, newDeliveryDocument, toDelivery, type DeliveryDocument } from './mongodb.delivery-documents.ts';
import { DUPLICATE_KEY, mongoDriver } from './mongodb.driver.ts';

/** A flood of webhook calls cannot build one giant bulk write; the rest go in the next one. */
export interface RecordBatchLimits {
  readonly maxCallers: number;
  readonly maxDocuments: number;
}

const DEFAULT_LIMITS: RecordBatchLimits = { maxCallers: 256, maxDocuments: 2_000 };

interface Caller {
  /** The delivery id of each request, in order. */
  readonly ids: readonly string[];
  /** Where each id first occurs in `ids`, and the document written for it. */
  readonly firsts: ReadonlyMap<string, number>;
  readonly documents: ReadonlyMap<string, DeliveryDocument>;
  readonly resolve: (outcome: RecordOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/** What one bulk write did: the ids it inserted, and the ids whose write failed for another reason than a duplicate. */
interface Written {
  readonly inserted: ReadonlySet<string>;
  readonly failed: ReadonlyMap<string, unknown>;
}

/**
 * Group commit for MongoDB: the `record` calls of one event-loop turn become ONE unordered bulk write
 * of upserts (`$setOnInsert`, so an existing delivery is left untouched), each caller answered after it
 * returned. An id asked for by several callers is written once, for the first of them: exactly one
 * counts it created. A duplicate-key error means another process inserted the same id at the same
 * moment (servers do not always retry such an upsert themselves): that document exists.
 */
export class MongoRecordBatch {
  /** Reached on first use (the driver loads lazily, see mongodb.driver.ts). */
  readonly #deliveries: () => Promise<Collection<DeliveryDocument>>;
  readonly #limits: RecordBatchLimits;
  #waiting: Caller[] = [];
  #scheduled = false;

  constructor(deliveries: () => Promise<Collection<DeliveryDocument>>, limits: RecordBatchLimits = DEFAULT_LIMITS) {
    this.#deliveries = deliveries;
    this.#limits = limits;
  }

  async record(requests: readonly DeliveryRequest[], now: Date): Promise<RecordOutcome> {
    const ids = requests.map((request) => deliveryIdOf(request));
    // A request repeated in this call is written once; its repeats are "existing", as in the embedded ledger.
    const firsts = firstOccurrences(ids);
    // Built here, so that a request that cannot be stored fails its own caller only, before any batch.
    const documents = new Map([...firsts].map(([id, index]) => [id, newDeliveryDocument(id, requests[index]!, now)] as const));
    if (ids.length === 0) return { created: [], existing: [] };
    return new Promise<RecordOutcome>((resolve, reject) => {
      this.#waiting.push({ ids, firsts, documents, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#writeOneBatch(this.#takeBatch());
      if (this.#waiting.length > 0) this.#schedule();
    });
  }

  #takeBatch(): Caller[] {
    let documents = 0;
    let count = 0;
    while (count < this.#waiting.length && count < this.#limits.maxCallers) {
      const next = this.#waiting[count]!;
      if (count > 0 && documents + next.documents.size > this.#limits.maxDocuments) break;
      documents += next.documents.size;
      count++;
    }
    return this.#waiting.splice(0, count);
  }

  async #writeOneBatch(batch: readonly Caller[]): Promise<void> {
    const owners = new Map<string, Caller>();
    for (const caller of batch) for (const id of caller.documents.keys()) if (!owners.has(id)) owners.set(id, caller);
    let written: Written;
    try {
      written = await this.#insertAbsent([...owners].map(([id, owner]) => owner.documents.get(id)!));
    } catch (error) {
      for (const caller of batch) caller.reject(error);
      return;
    }
    const createdDocuments = [...owners].filter(([id]) => written.inserted.has(id)).map(([id, owner]) => owner.documents.get(id)!);
    const answered = batch.filter((caller) => {
      const failed = caller.ids.find((id) => written.failed.has(id));
      if (failed !== undefined) caller.reject(new Error(`delivery ${failed} could not be recorded`, { cause: written.failed.get(failed) }));
      return failed === undefined;
    });
    let known: Map<string, DeliveryDocument>;
    try {
      known = await this.#readBack(answered, createdDocuments);
    } catch (error) {
      for (const caller of answered) caller.reject(error);
      return;
    }
    for (const caller of answered) {
      const isCreatedBy = (id: string, index: number) =>
        owners.get(id) === caller && written.inserted.has(id) && caller.firsts.get(id) === index;
      const created = [...caller.documents.keys()].filter((id) => isCreatedBy(id, caller.firsts.get(id)!));
      const existing = caller.ids.filter((id, index) => !isCreatedBy(id, index));
      // Only a purge between the write and this read can miss one; failing lets the caller retry, which then creates it.
      const vanished = existing.find((id) => !known.has(id));
      if (vanished !== undefined) caller.reject(new Error(`delivery ${vanished} vanished while it was being recorded`));
      else
        caller.resolve({
          created: created.map((id) => toDelivery(known.get(id)!)),
          existing: existing.map((id) => toDelivery(known.get(id)!)),
        });
    }
  }

  /**
   * The ids inserted are read from the upserted ids themselves, not from operation indexes, which the
   * driver remaps across batches; a write error's index is the operation's place in our list (the
   * driver maps it back, NODE-2308).
   */
  async #insertAbsent(documents: readonly DeliveryDocument[]): Promise<Written> {
    const deliveries = await this.#deliveries();
    const operations = documents.map(({ _id, ...fields }): AnyBulkWriteOperation<DeliveryDocument> => ({
      updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true },
    }));
    try {
      return { inserted: upsertedIds(await deliveries.bulkWrite(operations, { ordered: false })), failed: new Map() };
    } catch (error) {
      const { MongoBulkWriteError } = await mongoDriver();
      // Anything but per-document errors (the network, a write concern not met) leaves every caller unanswered.
      if (!(error instanceof MongoBulkWriteError) || error.result.getWriteConcernError() !== undefined) throw error;
      const failed = new Map<string, unknown>();
      for (const writeError of error.result.getWriteErrors()) {
        if (writeError.code === DUPLICATE_KEY) continue;
        const id = documents[writeError.index]?._id;
        if (id === undefined) throw error;
        failed.set(id, writeError);
      }
      return { inserted: upsertedIds(error.result), failed };
    }
  }

  /** Every delivery the batch's callers asked for: those created here as written, the others read in one query. */
  async #readBack(callers: readonly Caller[], created: readonly DeliveryDocument[]): Promise<Map<string, DeliveryDocument>> {
    const known = new Map(created.map((document) => [document._id, document] as const));
    const missing = [...new Set(callers.flatMap((caller) => caller.ids))].filter((id) => !known.has(id));
    if (missing.length > 0)
      for (const document of await (await this.#deliveries()).find({ _id: { $in: missing } }).toArray()) known.set(document._id, document);
    return known;
  }
}

function upsertedIds(result: BulkWriteResult): Set<string> {
  // The driver types these as `any`: our ids are strings, so anything else was not ours.
  const ids: unknown[] = Object.values(result.upsertedIds);
  return new Set(ids.filter((id): id is string => typeof id === 'string'));
}
