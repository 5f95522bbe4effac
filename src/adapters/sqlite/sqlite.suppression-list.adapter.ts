import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Suppression, SuppressionList, SuppressionSource } from '../../application/ports/suppression-list.port.ts';

interface SuppressionRow {
  phone: string;
  since: number;
  source: string;
  provider: string | null;
}

/** The suppression list in the embedded database. */
export class SqliteSuppressionList implements SuppressionList {
  readonly #statements: Record<'add' | 'remove' | 'has' | 'list', StatementSync>;

  constructor(db: DatabaseSync) {
    this.#statements = {
      add: db.prepare('INSERT INTO suppressions (phone, since, source, provider) VALUES (?, ?, ?, ?) ON CONFLICT (phone) DO NOTHING'),
      remove: db.prepare('DELETE FROM suppressions WHERE phone = ? AND (? IS NULL OR source = ?)'),
      has: db.prepare('SELECT 1 AS found FROM suppressions WHERE phone = ?'),
      list: db.prepare('SELECT * FROM suppressions ORDER BY since DESC, phone LIMIT ?'),
    };
  }

  async add(entry: Suppression): Promise<boolean> {
    return Number(this.#statements.add.run(entry.phone, entry.since.getTime(), entry.source, entry.provider).changes) > 0;
  }

  async remove(phone: string, source?: SuppressionSource): Promise<boolean> {
    return Number(this.#statements.remove.run(phone, source ?? null, source ?? null).changes) > 0;
  }

  async has(phone: string): Promise<boolean> {
    return this.#statements.has.get(phone) !== undefined;
  }

  async list(limit: number): Promise<Suppression[]> {
    return (this.#statements.list.all(limit) as unknown as SuppressionRow[]).map((row) => ({
      phone: row.phone,
      since: new Date(row.since),
      source: row.source as SuppressionSource,
      provider: row.provider,
    }));
  }
}
