import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteDeliveryLedger } from '../../../../src/adapters/sqlite/sqlite.delivery-ledger.adapter.ts';
import { MIGRATIONS } from '../../../../src/adapters/sqlite/sqlite.migrations.ts';
import { useTempDirs } from '../../../support/temp-dir.ts';

const tempDir = useTempDirs();

/** The schema as it was before the 'recorded' rows went: the first five migrations. */
const BEFORE = 5;

describe("the delivery history's 'recorded' event (SQLite)", () => {
  it('tells the same story from a database written before it stopped being a row, without telling it twice', async () => {
    const path = join(tempDir(), 'old.db');
    const old = new DatabaseSync(path);
    for (const migration of MIGRATIONS.slice(0, BEFORE)) old.exec(migration);
    old.exec(`PRAGMA user_version = ${BEFORE}`);
    // A delivery and its history as the ledger wrote them then: the 'recorded' row at its creation time.
    const created = Date.UTC(2026, 11, 1, 12);
    old
      .prepare(
        `INSERT INTO deliveries (id, job, event_key, client_id, channel, recipient, message, status, attempts, next_attempt_at, created_at, updated_at, queued_at)
         VALUES ('d1', 'offline-alert', 'nota-1', 'c1', 'whatsapp', '50688888888@c.us', '{"kind":"text","text":"hola"}', 'sending', 1, ?, ?, ?, ?)`,
      )
      .run(created, created, created + 5, created);
    const event = old.prepare('INSERT INTO delivery_events (delivery_id, at, type, detail) VALUES (?, ?, ?, ?)');
    event.run('d1', created, 'recorded', 'offline-alert via whatsapp');
    event.run('d1', created + 5, 'claimed', 'attempt 1');
    old.close();

    const db = openDatabase(path);
    expect(await new SqliteDeliveryLedger(db).history('d1')).toEqual([
      { at: new Date(created), type: 'recorded', detail: 'offline-alert via whatsapp' },
      { at: new Date(created + 5), type: 'claimed', detail: 'attempt 1' },
    ]);
    expect(db.prepare("SELECT count(*) AS count FROM delivery_events WHERE type = 'recorded'").get()).toEqual({ count: 0 });
    db.close();
  });

  it('has no history for a delivery it does not hold', async () => {
    const db = openDatabase(join(tempDir(), 'new.db'));
    expect(await new SqliteDeliveryLedger(db).history('missing')).toEqual([]);
    db.close();
  });
});
