import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ConversationWindows } from '../../application/ports/conversation-windows.port.ts';

/** When each contact last wrote, in the embedded database. */
export class SqliteConversationWindows implements ConversationWindows {
  readonly #record: StatementSync;
  readonly #last: StatementSync;

  constructor(db: DatabaseSync) {
    this.#record = db.prepare(
      `INSERT INTO conversation_windows (phone, last_inbound_at) VALUES (?, ?)
       ON CONFLICT (phone) DO UPDATE SET last_inbound_at = max(last_inbound_at, excluded.last_inbound_at)`,
    );
    this.#last = db.prepare('SELECT last_inbound_at FROM conversation_windows WHERE phone = ?');
  }

  async recordInbound(phone: string, at: Date): Promise<void> {
    this.#record.run(phone, at.getTime());
  }

  async lastInboundAt(phone: string): Promise<Date | undefined> {
    const row = this.#last.get(phone) as { last_inbound_at: number } | undefined;
    return row === undefined ? undefined : new Date(row.last_inbound_at);
  }
}
