import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { NewsletterRun, NewsletterRunLog, RunTotals, RunTrigger } from '../../application/ports/newsletter-run-log.port.ts';

interface RunRow {
  id: string;
  trigger: RunTrigger;
  started_at: number;
  finished_at: number;
  checked: number;
  sent: number;
  unchanged: number;
  failed: string;
}

/** Newsletter runs in the embedded database, beside the deliveries they queued. */
export class SqliteNewsletterRunLog implements NewsletterRunLog {
  readonly #statements: Record<'insert' | 'recent' | 'totals', StatementSync>;

  constructor(db: DatabaseSync) {
    this.#statements = {
      insert: db.prepare(
        `INSERT INTO newsletter_runs (id, trigger, started_at, finished_at, checked, sent, unchanged, failed, failed_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      recent: db.prepare('SELECT * FROM newsletter_runs ORDER BY started_at DESC, rowid DESC LIMIT ?'),
      totals: db.prepare(
        'SELECT trigger, count(*) AS runs, sum(failed_count) AS failed FROM newsletter_runs GROUP BY trigger ORDER BY trigger',
      ),
    };
  }

  async record(run: Omit<NewsletterRun, 'id'>): Promise<NewsletterRun> {
    const recorded = { id: randomUUID(), ...run };
    this.#statements.insert.run(
      recorded.id,
      run.trigger,
      run.startedAt.getTime(),
      run.finishedAt.getTime(),
      run.checked,
      run.sent,
      run.unchanged,
      JSON.stringify(run.failed),
      run.failed.length,
    );
    return recorded;
  }

  async recent(limit: number): Promise<NewsletterRun[]> {
    return (this.#statements.recent.all(limit) as unknown as RunRow[]).map((row) => ({
      id: row.id,
      trigger: row.trigger,
      startedAt: new Date(row.started_at),
      finishedAt: new Date(row.finished_at),
      checked: row.checked,
      sent: row.sent,
      unchanged: row.unchanged,
      failed: JSON.parse(row.failed) as NewsletterRun['failed'],
    }));
  }

  async totals(): Promise<RunTotals[]> {
    return (this.#statements.totals.all() as { trigger: RunTrigger; runs: number; failed: number }[]).map((row) => ({
      trigger: row.trigger,
      runs: row.runs,
      failedNewsletters: row.failed,
    }));
  }
}
