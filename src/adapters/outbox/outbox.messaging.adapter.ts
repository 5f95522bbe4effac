import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { MessagingPort, ProviderFailure, ProviderMessage, SentMessage, SessionState } from '../../application/ports/messaging.port.ts';
import type { OutboxEntry, OutboxReader } from '../../application/ports/outbox.port.ts';
import type { PhoneNumber } from '../../domain/phone/phone-number.ts';
import { ok, type Result } from '../../domain/shared/result.ts';

interface PendingSend {
  readonly message: ProviderMessage;
  readonly at: number;
  readonly resolve: (result: Result<SentMessage, ProviderFailure>) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The provider that sends nothing: it records each message in its own database file so that a local
 * run, a demo or a test can see exactly what clients would have received. Like a provider that
 * honours idempotency keys, it records a delivery once however often it is sent.
 *
 * Group commit: the messages sent in one turn of the event loop (a batch of deliveries dispatched
 * together) are written in one transaction, and each sender is answered only once that transaction
 * has committed, so an answer still means "on disk"; a commit per message would cost more than the
 * message.
 */
export class OutboxMessaging implements MessagingPort, OutboxReader {
  readonly provider = 'outbox';
  readonly #db: DatabaseSync;
  readonly #statements: { insert: StatementSync; byDelivery: StatementSync; newest: StatementSync };
  #pending: PendingSend[] = [];
  #flushScheduled = false;

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

  send(message: ProviderMessage): Promise<Result<SentMessage, ProviderFailure>> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ message, at: Date.now(), resolve, reject });
      if (this.#flushScheduled) return;
      this.#flushScheduled = true;
      // After every callback of this turn (and the promise jobs they start) has had its say.
      setImmediate(() => this.#flush());
    });
  }

  async session(): Promise<SessionState> {
    return { ready: true, detail: 'outbox: messages are recorded, not sent' };
  }

  /** Writes what is still waiting first: a sender is never left unanswered. */
  close(): void {
    if (!this.#db.isOpen) return;
    this.#flush();
    this.#db.close();
  }

  async list(limit: number): Promise<OutboxEntry[]> {
    const rows = this.#statements.newest.all(limit) as { recipient: string; text: string; at: number }[];
    return rows.map((row) => ({ to: row.recipient as PhoneNumber, text: row.text, template: null, at: new Date(row.at) }));
  }

  #flush(): void {
    this.#flushScheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    let ids: number[];
    try {
      ids = this.#record(batch);
    } catch (error) {
      const failure = new Error('the outbox could not record the messages', { cause: error });
      for (const { reject } of batch) reject(failure);
      return;
    }
    batch.forEach(({ resolve }, index) => resolve(ok({ provider: this.provider, providerMessageId: `outbox-${ids[index]}` })));
  }

  /** One transaction for the whole batch: all recorded, or none and every sender told. */
  #record(batch: readonly PendingSend[]): number[] {
    const { insert, byDelivery } = this.#statements;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const ids = batch.map(({ message, at }) => {
        const inserted = insert.get(message.deliveryId, message.to, message.message.text, at) as { id: number } | undefined;
        return inserted?.id ?? (byDelivery.get(message.deliveryId) as { id: number }).id;
      });
      this.#db.exec('COMMIT');
      return ids;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }
}
