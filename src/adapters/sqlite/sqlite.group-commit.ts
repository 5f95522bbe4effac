import type { DatabaseSync } from 'node:sqlite';

export interface GroupCommitLimits {
  /** Most callers one transaction holds; the rest wait for the next one. */
  readonly maxCallers: number;
  /** Most rows (as callers declare them) one transaction holds; a single larger caller still gets its own. */
  readonly maxRows: number;
  /** How long the first caller waits for others; 0 waits only for the current event-loop turn to end. */
  readonly windowMs: number;
}

/**
 * Measured (bench/notes/group-commit.md). The end of the current event-loop turn (0 ms) gathered about
 * 25 callers per transaction under the webhook benchmark's 50 connections; a 1–2 ms timer gathered a few
 * more but saved no measurable CPU and adds its delay to every answer. 16 callers keeps most of the CPU
 * saved (0.45–0.49 ms per webhook call against 0.41 with 256 and 0.9–1.05 without grouping) while a fan-out
 * to 10,000 contacts peaks at about the memory it did without grouping (190 MB against 250 MB with 256:
 * a large group finishes many callers at once, and what they hold survives into the old generation). The
 * bound also keeps a flood from building one giant transaction, whose write lock would keep the CLI waiting.
 */
const DEFAULT_GROUP_COMMIT_LIMITS: GroupCommitLimits = { maxCallers: 16, maxRows: 2_000, windowMs: 0 };

interface Waiting {
  readonly work: () => unknown;
  readonly rows: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Settled = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

const SAVEPOINT = 'group_commit_caller';

/**
 * Group commit: the writes asked for in the same event-loop turn run in ONE write transaction, each in
 * its own savepoint, so that one caller's failure rolls back only its rows and rejects only its promise.
 * Every promise settles after COMMIT returned: a resolved write is on disk (WAL, `synchronous=NORMAL`:
 * it survives a process crash). The transaction opens and commits within one synchronous call, so no
 * other code of this process ever sees it open; BEGIN IMMEDIATE still keeps other processes out.
 */
export class GroupCommit {
  readonly #db: DatabaseSync;
  readonly #limits: GroupCommitLimits;
  #waiting: Waiting[] = [];
  #scheduled = false;

  constructor(db: DatabaseSync, limits: GroupCommitLimits = DEFAULT_GROUP_COMMIT_LIMITS) {
    this.#db = db;
    this.#limits = limits;
  }

  /** Runs `work` (synchronous statements only) in the next group's transaction; `rows` weighs it against `maxRows`. */
  run<T>(work: () => T, rows = 1): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ work, rows, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    const flush = () => {
      this.#scheduled = false;
      this.#commitOneGroup();
      // Whatever the bound left waiting goes in the next turn, after this group's callers had their answers.
      if (this.#waiting.length > 0) this.#schedule();
    };
    if (this.#limits.windowMs > 0) setTimeout(flush, this.#limits.windowMs);
    else setImmediate(flush);
  }

  #takeGroup(): Waiting[] {
    let rows = 0;
    let count = 0;
    while (count < this.#waiting.length && count < this.#limits.maxCallers) {
      const next = this.#waiting[count]!;
      if (count > 0 && rows + next.rows > this.#limits.maxRows) break;
      rows += next.rows;
      count++;
    }
    return this.#waiting.splice(0, count);
  }

  #commitOneGroup(): void {
    const group = this.#takeGroup();
    let settled: Settled[];
    try {
      settled = this.#inOneTransaction(group);
    } catch (error) {
      // BEGIN or COMMIT failed, or the transaction was lost: nothing of this group is on disk.
      for (const caller of group) caller.reject(error);
      return;
    }
    settled.forEach((outcome, index) => {
      if (outcome.ok) group[index]!.resolve(outcome.value);
      else group[index]!.reject(outcome.error);
    });
  }

  #inOneTransaction(group: readonly Waiting[]): Settled[] {
    const db = this.#db;
    db.exec('BEGIN IMMEDIATE');
    try {
      const settled = group.map((caller) => this.#inSavepoint(caller));
      db.exec('COMMIT');
      return settled;
    } catch (error) {
      if (db.isOpen && db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  #inSavepoint(caller: Waiting): Settled {
    const db = this.#db;
    db.exec(`SAVEPOINT ${SAVEPOINT}`);
    try {
      const value = caller.work();
      db.exec(`RELEASE ${SAVEPOINT}`);
      return { ok: true, value };
    } catch (error) {
      // Some errors (a full disk, an I/O error) make SQLite roll the whole transaction back: every caller then fails.
      if (!db.isTransaction) throw new Error('the group transaction was rolled back by SQLite', { cause: error });
      db.exec(`ROLLBACK TO ${SAVEPOINT}`);
      db.exec(`RELEASE ${SAVEPOINT}`);
      return { ok: false, error };
    }
  }
}

const committers = new WeakMap<DatabaseSync, GroupCommit>();

/** The one group commit of a connection: the ledger and the queue on the same file share its transactions. */
export function groupCommitOf(db: DatabaseSync): GroupCommit {
  let committer = committers.get(db);
  if (committer === undefined) {
    committer = new GroupCommit(db);
    committers.set(db, committer);
  }
  return committer;
}
