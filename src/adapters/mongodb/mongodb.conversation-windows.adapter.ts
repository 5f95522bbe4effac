import type { Collection } from 'mongodb';
import type { ConversationWindows } from '../../application/ports/conversation-windows.port.ts';
import { collectionOf, isDuplicateKey, type DatabaseSource } from './mongodb.driver.ts';

interface WindowDocument {
  _id: string;
  lastInboundAt: Date;
}

/** When each contact last wrote, in MongoDB: `$max` keeps the latest time whatever order messages arrive in. */
export class MongoConversationWindows implements ConversationWindows {
  readonly #collection: () => Promise<Collection<WindowDocument>>;

  constructor(db: DatabaseSource, collection: string) {
    this.#collection = collectionOf<WindowDocument>(db, collection);
  }

  async recordInbound(phone: string, at: Date): Promise<void> {
    const windows = await this.#collection();
    try {
      await windows.updateOne({ _id: phone }, { $max: { lastInboundAt: at } }, { upsert: true });
    } catch (error) {
      // Two upserts of the same number at once: the second now finds the first's document.
      if (!(await isDuplicateKey(error))) throw error;
      await windows.updateOne({ _id: phone }, { $max: { lastInboundAt: at } });
    }
  }

  async lastInboundAt(phone: string): Promise<Date | undefined> {
    return (await (await this.#collection()).findOne({ _id: phone }))?.lastInboundAt ?? undefined;
  }
}
