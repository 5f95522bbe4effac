import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { startBackgroundCheckpoints } from '../../../../src/adapters/sqlite/sqlite.background-checkpoints.ts';
import { openDatabase } from '../../../../src/adapters/sqlite/sqlite.database.ts';
import { GroupCommit } from '../../../../src/adapters/sqlite/sqlite.group-commit.ts';
import { useTempDirs } from '../../../support/temp-dir.ts';

const tempDir = useTempDirs();
const DEADLINE_MS = 20_000;

function notesDatabase(): { db: DatabaseSync; path: string; write(rows: number): Promise<void> } {
  const path = join(tempDir(), 'checkpoints.db');
  const db = openDatabase(path);
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  const group = new GroupCommit(db);
  const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
  const text = 'x'.repeat(1_000);
  return {
    db,
    path,
    // One caller per 10 rows, all asked for in one turn: several group transactions per call.
    write: async (rows) => {
      await Promise.all(
        Array.from({ length: rows / 10 }, () =>
          group.run(() => {
            for (let row = 0; row < 10; row++) insert.run(text);
          }, 10),
        ),
      );
    },
  };
}

/** How many WAL frames there are and how many were copied into the database file, without copying any (SQLite ≥ 3.51). */
const walState = (db: DatabaseSync) => db.prepare('PRAGMA wal_checkpoint(NOOP)').get() as { log: number; checkpointed: number };
const wholeWalCopied = (db: DatabaseSync) => {
  const { log, checkpointed } = walState(db);
  return log > 0 && checkpointed === log;
};
const pragma = (db: DatabaseSync, name: string) => Object.values(db.prepare(`PRAGMA ${name}`).get()!)[0] as number;
const sizeOf = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition did not hold before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('background WAL checkpoints (SQLite)', () => {
  it('copies the committed pages into the database file while the serving connection never checkpoints', async () => {
    const { db, path, write } = notesDatabase();
    const failures: Error[] = [];
    // The connection's own checkpoint far above what is written: only the thread can copy these pages.
    const checkpoints = startBackgroundCheckpoints(db, (error) => failures.push(error), { intervalMs: 10, safetyNetPages: 1_000_000 });
    await write(2_000);
    const logicalSize = pragma(db, 'page_count') * pragma(db, 'page_size');
    expect(sizeOf(path)).toBeLessThan(logicalSize);
    await until(() => wholeWalCopied(db));
    expect(sizeOf(path)).toBeGreaterThanOrEqual(logicalSize);
    expect((db.prepare('SELECT count(*) AS count FROM notes').get() as { count: number }).count).toBe(2_000);
    await checkpoints.stop();
    expect(failures).toEqual([]);
    db.close();
  });

  it('starts the WAL over once the thread copied it: the file does not grow with what passes through', async () => {
    const { db, path, write } = notesDatabase();
    // The connection's own checkpoint far away: only the thread's passes keep the WAL small.
    const checkpoints = startBackgroundCheckpoints(db, () => undefined, { intervalMs: 5, safetyNetPages: 1_000_000 });
    let largestWal = 0;
    let written = 0;
    for (let round = 0; round < 30; round++) {
      await write(400);
      written += 400 * 1_000;
      largestWal = Math.max(largestWal, sizeOf(`${path}-wal`));
      await until(() => wholeWalCopied(db));
    }
    await checkpoints.stop();
    // About 12 MB went through the WAL; it holds at most about two rounds (400 rows of 1 KB, their index pages).
    expect(written).toBeGreaterThan(10 * 1_000_000);
    expect(largestWal).toBeGreaterThan(0);
    expect(largestWal).toBeLessThanOrEqual(1_000_000);
    db.close();
  });

  it('bounds the WAL by the safety net while writes go on and the thread copies nothing', async () => {
    const { db, path, write } = notesDatabase();
    const safetyNetPages = 100;
    // The thread's first pass would come after the test: the connection's own checkpoint alone bounds the file.
    const checkpoints = startBackgroundCheckpoints(db, () => undefined, { intervalMs: 600_000, safetyNetPages });
    const pageSize = pragma(db, 'page_size');
    let largestWal = 0;
    for (let round = 0; round < 30; round++) {
      await write(400);
      largestWal = Math.max(largestWal, sizeOf(`${path}-wal`));
    }
    await checkpoints.stop();
    // About 12 MB written; the WAL holds the safety net plus one group transaction (16 callers of 10 rows of 1 KB, ~50 pages).
    const allowed = 32 + (safetyNetPages + 100) * (pageSize + 24);
    expect(30 * 400 * 1_000).toBeGreaterThan(10 * allowed);
    expect(largestWal).toBeGreaterThan(0);
    expect(largestWal).toBeLessThanOrEqual(allowed);
    db.close();
  });

  it("leaves the serving connection a safety-net autocheckpoint, and gives back SQLite's own when stopped", async () => {
    const { db } = notesDatabase();
    const checkpoints = startBackgroundCheckpoints(db, () => undefined, { intervalMs: 50, safetyNetPages: 5_000 });
    expect(pragma(db, 'wal_autocheckpoint')).toBe(5_000);
    await checkpoints.stop();
    expect(pragma(db, 'wal_autocheckpoint')).toBe(1_000);
    db.close();
  });

  it('reports a failed checkpoint once, ends the thread and gives the connection its own checkpoints back', async () => {
    const { db, write } = notesDatabase();
    // Another connection holding the file exclusively makes every checkpoint of the thread fail ("database is locked").
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    await write(10);
    const failures: Error[] = [];
    const checkpoints = startBackgroundCheckpoints(db, (error) => failures.push(error), { intervalMs: 10, safetyNetPages: 5_000 });
    await until(() => pragma(db, 'wal_autocheckpoint') === 1_000);
    // The thread has ended: nothing can report again.
    await checkpoints.stop();
    expect(failures).toHaveLength(1);
    expect(failures[0]!.message).toMatch(/^background WAL checkpoint failed, the connection checkpoints by itself again: .*locked/u);
    db.close();
  });
});
