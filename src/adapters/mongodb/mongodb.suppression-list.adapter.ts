import type { Collection } from 'mongodb';
import type { Suppression, SuppressionList, SuppressionSource } from '../../application/ports/suppression-list.port.ts';
import { collectionOf, isDuplicateKey, type DatabaseSource } from './mongodb.driver.ts';

interface SuppressionDocument {
  _id: string;
  since: Date;
  source: SuppressionSource;
  provider: string | null;
}

/** The suppression list in MongoDB: one document per number, keyed by it, so adding twice changes nothing. */
export class MongoSuppressionList implements SuppressionList {
  readonly #collection: () => Promise<Collection<SuppressionDocument>>;

  constructor(db: DatabaseSource, collection: string) {
    this.#collection = collectionOf<SuppressionDocument>(db, collection);
  }

  async add(entry: Suppression): Promise<boolean> {
    const suppressions = await this.#collection();
    try {
      const result = await suppressions.updateOne(
        { _id: entry.phone },
        { $setOnInsert: { since: entry.since, source: entry.source, provider: entry.provider } },
        { upsert: true },
      );
      return result.upsertedCount > 0;
    } catch (error) {
      // Two upserts of the same number at once: the other one added it.
      if (await isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async remove(phone: string, source?: SuppressionSource): Promise<boolean> {
    return (await (await this.#collection()).deleteOne(source === undefined ? { _id: phone } : { _id: phone, source })).deletedCount > 0;
  }

  async has(phone: string): Promise<boolean> {
    return (await (await this.#collection()).countDocuments({ _id: phone }, { limit: 1 })) > 0;
  }

  async list(limit: number): Promise<Suppression[]> {
    if (limit <= 0) return [];
    const documents = await (await this.#collection()).find({}).sort({ since: -1, _id: 1 }).limit(limit).toArray();
    return documents.map((document) => ({
      phone: document._id,
      since: document.since,
      source: document.source,
      provider: document.provider,
    }));
  }
}
