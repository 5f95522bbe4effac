import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { Suppression, SuppressionList, SuppressionSource } from '../../application/ports/suppression-list.port.ts';

interface SuppressionDocument {
  _id: string;
  since: Date;
  source: SuppressionSource;
  provider: string | null;
}

/** The suppression list in MongoDB: one document per number, keyed by it, so adding twice changes nothing. */
export class MongoSuppressionList implements SuppressionList {
  readonly #collection: Collection<SuppressionDocument>;

  constructor(db: Db, collection: string) {
    this.#collection = db.collection<SuppressionDocument>(collection);
  }

  async add(entry: Suppression): Promise<boolean> {
    try {
      const result = await this.#collection.updateOne(
        { _id: entry.phone },
        { $setOnInsert: { since: entry.since, source: entry.source, provider: entry.provider } },
        { upsert: true },
      );
      return result.upsertedCount > 0;
    } catch (error) {
      // Two upserts of the same number at once: the other one added it.
      if (error instanceof MongoServerError && error.code === 11_000) return false;
      throw error;
    }
  }

  async remove(phone: string, source?: SuppressionSource): Promise<boolean> {
    return (await this.#collection.deleteOne(source === undefined ? { _id: phone } : { _id: phone, source })).deletedCount > 0;
  }

  async has(phone: string): Promise<boolean> {
    return (await this.#collection.countDocuments({ _id: phone }, { limit: 1 })) > 0;
  }

  async list(limit: number): Promise<Suppression[]> {
    if (limit <= 0) return [];
    const documents = await this.#collection.find({}).sort({ since: -1, _id: 1 }).limit(limit).toArray();
    return documents.map((document) => ({
      phone: document._id,
      since: document.since,
      source: document.source,
      provider: document.provider,
    }));
  }
}
