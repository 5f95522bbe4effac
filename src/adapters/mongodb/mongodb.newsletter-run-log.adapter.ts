import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { NewsletterRun, NewsletterRunLog, RunTotals, RunTrigger } from '../../application/ports/newsletter-run-log.port.ts';
import { collectionOf, type DatabaseSource } from './mongodb.driver.ts';

interface RunDocument {
  _id: string;
  trigger: RunTrigger;
  startedAt: Date;
  finishedAt: Date;
  checked: number;
  sent: number;
  unchanged: number;
  failed: { distributionId: string; reason: string }[];
}

/** Newsletter runs in a collection of their own (MONGODB_RUNS_COLLECTION), one document per run. */
export class MongoNewsletterRunLog implements NewsletterRunLog {
  readonly #runs: () => Promise<Collection<RunDocument>>;

  constructor(db: DatabaseSource, collection: string) {
    this.#runs = collectionOf<RunDocument>(db, collection);
  }

  /** The index the history is read by; missing, the history is only slower. */
  async ensureIndexes(): Promise<void> {
    await (await this.#runs()).createIndex({ startedAt: -1 }, { name: 'newest' });
  }

  async record(run: Omit<NewsletterRun, 'id'>): Promise<NewsletterRun> {
    const document: RunDocument = { _id: randomUUID(), ...run, failed: run.failed.map((failure) => ({ ...failure })) };
    await (await this.#runs()).insertOne(document);
    return { ...run, id: document._id };
  }

  async recent(limit: number): Promise<NewsletterRun[]> {
    const documents = await (await this.#runs()).find({}).sort({ startedAt: -1, _id: -1 }).limit(limit).toArray();
    return documents.map(({ _id, ...run }) => ({ id: _id, ...run }));
  }

  async totals(): Promise<RunTotals[]> {
    const groups = await (
      await this.#runs()
    )
      .aggregate<{ _id: RunTrigger; runs: number; failed: number }>([
        { $group: { _id: '$trigger', runs: { $sum: 1 }, failed: { $sum: { $size: '$failed' } } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    return groups.map((group) => ({ trigger: group._id, runs: group.runs, failedNewsletters: group.failed }));
  }
}
