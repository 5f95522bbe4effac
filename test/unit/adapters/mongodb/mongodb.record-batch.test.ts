import type { AnyBulkWriteOperation, BulkWriteResult, Collection } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { DeliveryDocument } from '../../../../src/adapters/mongodb/mongodb.delivery-documents.ts';
import { MongoRecordBatch } from '../../../../src/adapters/mongodb/mongodb.record-batch.ts';
import type { OutgoingMessage } from '../../../../src/domain/deliveries/message.ts';
import { deliveryRequest } from '../../../support/deliveries.ts';

const T0 = new Date('2026-11-23T14:00:00Z');

/**
 * No MongoDB server runs here (the contract suite runs against one with MONGODB_URI): a collection
 * keeping documents in memory that answers the two calls a batch makes as the server does, the
 * upserts with `$setOnInsert` and the read back by `_id`, and counts the bulk writes.
 */
function memoryCollection() {
  const stored = new Map<string, DeliveryDocument>();
  const bulkWrites: number[] = [];
  const collection = {
    async bulkWrite(operations: AnyBulkWriteOperation<DeliveryDocument>[]) {
      bulkWrites.push(operations.length);
      const upsertedIds: Record<number, string> = {};
      operations.forEach((operation, index) => {
        if (!('updateOne' in operation)) throw new Error('only upserts are expected');
        const { filter, update } = operation.updateOne as {
          filter: { _id: string };
          update: { $setOnInsert: Omit<DeliveryDocument, '_id'> };
        };
        if (stored.has(filter._id)) return;
        stored.set(filter._id, { _id: filter._id, ...update.$setOnInsert });
        upsertedIds[index] = filter._id;
      });
      return { upsertedIds } as unknown as BulkWriteResult;
    },
    find(query: { _id: { $in: string[] } }) {
      return { toArray: async () => query._id.$in.flatMap((id) => (stored.has(id) ? [stored.get(id)!] : [])) };
    },
  };
  return { collection: async () => collection as unknown as Collection<DeliveryDocument>, stored, bulkWrites };
}

describe('MongoDB record batch (group commit through bulkWrite)', () => {
  it('writes the record calls of one turn in one bulk write, each id once, and counts each delivery created exactly once', async () => {
    const { collection, stored, bulkWrites } = memoryCollection();
    const batch = new MongoRecordBatch(collection);
    const callers = Array.from({ length: 10 }, (_, caller) => [0, 1, 2].map((offset) => deliveryRequest(((caller + offset) % 6) + 1, 1)));
    const outcomes = await Promise.all(callers.map((requests) => batch.record(requests, T0)));
    expect(bulkWrites).toEqual([6]);
    const created = outcomes.flatMap((outcome) => outcome.created.map((delivery) => delivery.eventKey));
    expect(created.sort()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    outcomes.forEach((outcome) => expect(outcome.created.length + outcome.existing.length).toBe(3));
    expect(stored.size).toBe(6);
    // Later, the same requests are all duplicates.
    const again = await batch.record(callers[0]!, T0);
    expect(again).toMatchObject({ created: [], existing: [{ eventKey: 'e1' }, { eventKey: 'e2' }, { eventKey: 'e3' }] });
  });

  it('counts a request repeated in one call once, the repeat as existing', async () => {
    const { collection } = memoryCollection();
    const batch = new MongoRecordBatch(collection);
    const outcome = await batch.record([deliveryRequest(1, 1), deliveryRequest(1, 1), deliveryRequest(2, 1)], T0);
    expect(outcome.created.map((delivery) => delivery.eventKey)).toEqual(['e1', 'e2']);
    expect(outcome.existing.map((delivery) => delivery.eventKey)).toEqual(['e1']);
  });

  it('fails only the caller whose request cannot be stored; the others are written together', async () => {
    const { collection, stored, bulkWrites } = memoryCollection();
    const batch = new MongoRecordBatch(collection);
    const circular: Record<string, unknown> = { ...deliveryRequest(9, 1).message };
    circular['self'] = circular;
    const outcomes = await Promise.allSettled([
      batch.record([deliveryRequest(1, 1)], T0),
      batch.record([deliveryRequest(8, 1), { ...deliveryRequest(9, 1), message: circular as unknown as OutgoingMessage }], T0),
      batch.record([deliveryRequest(2, 1)], T0),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(bulkWrites).toEqual([2]);
    expect([...stored.values()].map((document) => document.eventKey).sort()).toEqual(['e1', 'e2']);
  });

  it('bounds a bulk write by callers and documents; the rest go in the next one', async () => {
    const { collection, bulkWrites } = memoryCollection();
    const batch = new MongoRecordBatch(collection, { maxCallers: 2, maxDocuments: 3 });
    await Promise.all([1, 2, 3, 4, 5].map((event) => batch.record([deliveryRequest(event, 1), deliveryRequest(event, 2)], T0)));
    // Two documents per caller: a second caller would make four, above the bound of three.
    expect(bulkWrites).toEqual([2, 2, 2, 2, 2]);
  });
});
