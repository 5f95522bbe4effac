import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/adapters/sqlite/sqlite.database.ts';
import { GroupCommit } from '../../../../src/adapters/sqlite/sqlite.group-commit.ts';
import { useTempDirs } from '../../../support/temp-dir.ts';

const tempDir = useTempDirs();

/** The writer and, on the same file, an observer that sees only what was committed (as another process would). */
function twoConnections(): { writer: DatabaseSync; observer: DatabaseSync; close(): void } {
  const path = join(tempDir(), 'group.db');
  const writer = openDatabase(path);
  writer.exec('CREATE TABLE notes (text TEXT NOT NULL UNIQUE)');
  const observer = new DatabaseSync(path);
  return {
    writer,
    observer,
    close() {
      writer.close();
      observer.close();
    },
  };
}

const committedCount = (observer: DatabaseSync) =>
  (observer.prepare('SELECT count(*) AS count FROM notes').get() as { count: number }).count;

describe('group commit (SQLite)', () => {
  it('runs the writes asked for in one turn in one transaction, and answers each after its commit', async () => {
    const { writer, observer, close } = twoConnections();
    const group = new GroupCommit(writer, { maxCallers: 100, maxRows: 100, windowMs: 0 });
    const insert = writer.prepare('INSERT INTO notes (text) VALUES (?)');
    // Each caller looks from the other connection: inside one transaction, none sees the others' rows committed.
    const seen = await Promise.all(
      ['a', 'b', 'c'].map((text) =>
        group.run(() => {
          insert.run(text);
          return committedCount(observer);
        }),
      ),
    );
    expect(seen).toEqual([0, 0, 0]);
    expect(committedCount(observer)).toBe(3);
    close();
  });

  it('bounds a transaction by callers and by rows; the rest go in the next ones, in order', async () => {
    const { writer, observer, close } = twoConnections();
    const group = new GroupCommit(writer, { maxCallers: 2, maxRows: 3, windowMs: 0 });
    const insert = writer.prepare('INSERT INTO notes (text) VALUES (?)');
    const write = (text: string, rows = 1) =>
      group.run(() => {
        insert.run(text);
        return committedCount(observer);
      }, rows);
    // Groups: [a, b] (two callers), [c(2 rows)] then d would make 4 rows, [d, e].
    expect(await Promise.all([write('a'), write('b'), write('c', 2), write('d', 2), write('e')])).toEqual([0, 0, 2, 3, 3]);
    // One caller larger than the bound still gets its transaction, alone.
    expect(await Promise.all([write('f', 50), write('g')])).toEqual([5, 6]);
    close();
  });

  it('rolls back only the failing caller: the others commit, its promise alone rejects', async () => {
    const { writer, observer, close } = twoConnections();
    const group = new GroupCommit(writer, { maxCallers: 100, maxRows: 100, windowMs: 0 });
    const insert = writer.prepare('INSERT INTO notes (text) VALUES (?)');
    const outcomes = await Promise.allSettled([
      group.run(() => insert.run('a')),
      group.run(() => {
        insert.run('own');
        insert.run('a'); // UNIQUE: this caller fails after writing a row of its own
      }),
      group.run(() => insert.run('b')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(observer.prepare('SELECT text FROM notes ORDER BY text').all()).toEqual([{ text: 'a' }, { text: 'b' }]);
    close();
  });

  it('rejects every caller of a group whose transaction cannot begin, and writes nothing', async () => {
    const { writer, observer, close } = twoConnections();
    const group = new GroupCommit(writer, { maxCallers: 100, maxRows: 100, windowMs: 0 });
    const insert = writer.prepare('INSERT INTO notes (text) VALUES (?)');
    // The observer holds the write lock, as the CLI would; a writer that gives up at once cannot begin.
    writer.exec('PRAGMA busy_timeout = 0');
    observer.exec('BEGIN IMMEDIATE');
    const outcomes = await Promise.allSettled([group.run(() => insert.run('a')), group.run(() => insert.run('b'))]);
    observer.exec('ROLLBACK');
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(committedCount(observer)).toBe(0);
    // The next group begins normally.
    await group.run(() => insert.run('c'));
    expect(committedCount(observer)).toBe(1);
    close();
  });
});
