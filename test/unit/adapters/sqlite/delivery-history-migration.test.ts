import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteDeliveryLedger } from '../../../../src/adapters/sqlite/sqlite.delivery-ledger.adapter.ts';
import { MIGRATIONS } from '../../../../src/adapters/sqlite/sqlite.migrations.ts';
import { deliveryRequest } from '../../../support/deliveries.ts';
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

/** The schema as it was while every claim and send still wrote its own row: the first six migrations. */
const BEFORE_CURRENT_ATTEMPT = 6;

describe("the delivery history's 'claimed' and 'sent' events (SQLite)", () => {
  it('keeps the story written as rows before they were read from the delivery, and goes on after it', async () => {
    const path = join(tempDir(), 'rows.db');
    const old = new DatabaseSync(path);
    for (const migration of MIGRATIONS.slice(0, BEFORE_CURRENT_ATTEMPT)) old.exec(migration);
    old.exec(`PRAGMA user_version = ${BEFORE_CURRENT_ATTEMPT}`);
    const created = Date.UTC(2026, 11, 1, 12);
    const insert = old.prepare(
      `INSERT INTO deliveries (id, job, event_key, client_id, channel, recipient, message, status, provider, provider_message_id, attempts,
         claim_token, lease_until, next_attempt_at, created_at, updated_at, queued_at)
       VALUES (?, 'offline-alert', ?, 'c1', 'whatsapp', ?, '{"kind":"text","text":"hola"}', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Sent on its second attempt; and one whose sender stopped holding it without an outcome.
    insert.run('sent', 'nota-1', '50688888801@c.us', 'sent', 'waapi', 'wamid-1', 2, null, null, created, created, created + 30, created);
    insert.run('held', 'nota-2', '50688888802@c.us', 'sending', null, null, 1, 'token', created + 40, created, created, created + 20, created);
    const event = old.prepare('INSERT INTO delivery_events (delivery_id, at, type, detail) VALUES (?, ?, ?, ?)');
    event.run('sent', created + 10, 'claimed', 'attempt 1');
    event.run('sent', created + 11, 'attempt-failed', 'waapi: rate_limited: HTTP 429');
    event.run('held', created + 20, 'claimed', 'attempt 1');
    event.run('sent', created + 20, 'claimed', 'attempt 2');
    event.run('sent', created + 30, 'sent', 'sent by waapi, message wamid-1');
    old.close();

    const db = openDatabase(path);
    const ledger = new SqliteDeliveryLedger(db);
    const recorded = { at: new Date(created), type: 'recorded', detail: 'offline-alert via whatsapp' };
    const sentStory = [
      recorded,
      { at: new Date(created + 10), type: 'claimed', detail: 'attempt 1' },
      { at: new Date(created + 11), type: 'attempt-failed', detail: 'waapi: rate_limited: HTTP 429' },
      { at: new Date(created + 20), type: 'claimed', detail: 'attempt 2' },
      { at: new Date(created + 30), type: 'sent', detail: 'sent by waapi, message wamid-1' },
    ];
    expect(await ledger.history('sent')).toEqual(sentStory);
    await ledger.recordReceipt('waapi', { providerMessageId: 'wamid-1' }, 'delivered', new Date(created + 50));
    expect(await ledger.history('sent')).toEqual([...sentStory, { at: new Date(created + 50), type: 'delivered', detail: 'receipt from waapi' }]);

    // Its lease ran out: taken over, and sent by the new holder.
    const claim = (await ledger.claim('held', new Date(created + 60), 60_000))!;
    await ledger.markSent(claim, { provider: 'waapi', providerMessageId: null }, new Date(created + 70));
    expect(await ledger.history('held')).toEqual([
      recorded,
      { at: new Date(created + 20), type: 'claimed', detail: 'attempt 1' },
      { at: new Date(created + 60), type: 'claimed', detail: 'attempt 2' },
      { at: new Date(created + 70), type: 'sent', detail: 'sent by waapi' },
    ]);
    db.close();
  });

  it('writes no history row for a delivery sent on its first attempt, and still tells its whole story', async () => {
    const db = openDatabase(join(tempDir(), 'happy.db'));
    const ledger = new SqliteDeliveryLedger(db);
    const at = (ms: number) => new Date(Date.UTC(2026, 11, 1, 12) + ms);
    const delivery = (await ledger.record([deliveryRequest(1, 1)], at(0))).created[0]!;
    const claim = (await ledger.claim(delivery.id, at(1), 60_000))!;
    await ledger.markSent(claim, { provider: 'waapi', providerMessageId: 'wamid-9' }, at(2));
    expect(db.prepare('SELECT count(*) AS count FROM delivery_events').get()).toEqual({ count: 0 });
    expect(await ledger.history(delivery.id)).toEqual([
      { at: at(0), type: 'recorded', detail: 'offline-alert via whatsapp' },
      { at: at(1), type: 'claimed', detail: 'attempt 1' },
      { at: at(2), type: 'sent', detail: 'sent by waapi, message wamid-9' },
    ]);
    db.close();
  });
});
