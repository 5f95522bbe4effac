import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { ConversationWindows } from '../../application/ports/conversation-windows.port.ts';

interface WindowDocument {
  _id: string;
  lastInboundAt: Date;
}

/** When each contact last wrote, in MongoDB: `$max` keeps the latest time whatever order messages arrive in. */
export class MongoConversationWindows implements ConversationWindows {
  readonly #collection: Collection<WindowDocument>;

  constructor(db: Db, collection: string) {
    this.#collection = db.collection<WindowDocument>(collection);
  }

  async recordInbound(phone: string, at: Date): Promise<void> {
    try {
      await this.#collection.updateOne({ _id: phone }, { $max: { lastInboundAt: at } }, { upsert: true });
    } catch (error) {
      // Two upserts of the same number at once: the second now finds the first's document.
      if (!(error instanceof MongoServerError && error.code === 11_000)) throw error;
      await this.#collection.updateOne({ _id: phone }, { $max: { lastInboundAt: at } });
    }
  }

  async lastInboundAt(phone: string): Promise<Date | undefined> {
    return (await this.#collection.findOne({ _id: phone }))?.lastInboundAt ?? undefined;
  }
}
