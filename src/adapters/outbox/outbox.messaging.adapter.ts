import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { MessagingPort, ProviderFailure, ProviderMessage, SentMessage, SessionState } from '../../application/ports/messaging.port.ts';
import type { OutboxEntry, OutboxReader } from '../../application/ports/outbox.port.ts';
import type { PhoneNumber } from '../../domain/phone/phone-number.ts';
import { ok, type Result } from '../../domain/shared/result.ts';

/**
 * The provider that sends nothing: it records each message in its own database file so that a local
 * run, a demo or a test can see exactly what clients would have received. Like a provider that
 * honours idempotency keys, it records a delivery once however often it is sent.
 */
export class OutboxMessaging implements MessagingPort, OutboxReader {
  readonly provider = 'outbox';
  readonly #db: DatabaseSync;
  readonly #statements: { insert: StatementSync; byDelivery: StatementSync; newest: StatementSync };

  constructor(databasePath: string) {
    if (databasePath !== ':memory:') mkdirSync(dirname(databasePath), { recursive: true });
    const db = new DatabaseSync(databasePath, { timeout: 10_000 });
    this.#db = db;
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec(`CREATE TABLE IF NOT EXISTS outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      delivery_id TEXT NOT NULL UNIQUE,
      recipient TEXT NOT NULL,
      text TEXT NOT NULL,
      at INTEGER NOT NULL
    )`);
    this.#statements = {
      insert: db.prepare('INSERT INTO outbox (delivery_id, recipient, text, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id'),
      byDelivery: db.prepare('SELECT id FROM outbox WHERE delivery_id = ?'),
      newest: db.prepare('SELECT recipient, text, at FROM outbox ORDER BY id DESC LIMIT ?'),
    };
  }

  async send(message: ProviderMessage): Promise<Result<SentMessage, ProviderFailure>> {
    const inserted = this.#statements.insert.get(message.deliveryId, message.to, message.message.text, Date.now()) as
      { id: number } | undefined;
    const id = inserted?.id ?? (this.#statements.byDelivery.get(message.deliveryId) as { id: number }).id;
    return ok({ provider: this.provider, providerMessageId: `outbox-${id}` });
  }

  async session(): Promise<SessionState> {
    return { ready: true, detail: 'outbox: messages are recorded, not sent' };
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  async list(limit: number): Promise<OutboxEntry[]> {
    const rows = this.#statements.newest.all(limit) as { recipient: string; text: string; at: number }[];
    return rows.map((row) => ({ to: row.recipient as PhoneNumber, text: row.text, template: null, at: new Date(row.at) }));
  }
}
