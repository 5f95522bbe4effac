import express from 'express';
import { startBackgroundCheckpoints } from '../../src/adapters/sqlite/sqlite.background-checkpoints.ts';
import { openDatabase } from '../../src/adapters/sqlite/sqlite.database.ts';
import { GroupCommit } from '../../src/adapters/sqlite/sqlite.group-commit.ts';
import { deliveryIdOf } from '../../src/domain/deliveries/delivery.ts';
import { MAX_BODY_BYTES } from '../../src/entrypoints/shared/http-errors.ts';
import { CLIENT_ID, CLIENT_USERS } from '../lib/mention.ts';

/**
 * A floor of the webhook benchmark, for information: the least a server can do and still answer 202 only
 * once the alert is on disk. Express with the webhook's own body parser (raw bytes, then JSON.parse), one
 * delivery row per WhatsApp contact of the bench's client written with the ledger's INSERT into the real
 * schema (every migration applied, so every index), through the same group commit (one transaction per
 * event-loop turn, `synchronous=NORMAL`; the WAL copied by the server's checkpoint thread), and 202 after COMMIT. No token check, client lookup, validation,
 * history row, metrics or log line: what this server reaches is the ceiling of any design that keeps
 * "202 means on disk" on this machine.
 *
 * `node bench/webhook/floor-server.ts <database path>`; `--no-write` answers 202 after parsing only (the
 * cost of Express and the body parser alone); `--own-checkpoints` leaves the checkpoints to SQLite's
 * autocheckpoint inside the commits, as before the checkpoint thread (to measure what that thread saves).
 */
const [path = ':memory:', ...flags] = process.argv.slice(2);
const write = !flags.includes('--no-write');
const whatsappContacts = CLIENT_USERS.filter((user) => user.endsWith('@c.us'));

const db = openDatabase(path);
const commit = new GroupCommit(db);
const checkpoints = flags.includes('--own-checkpoints')
  ? undefined
  : startBackgroundCheckpoints(db, (error) => process.stderr.write(`${error.message}\n`));
const insert = db.prepare(
  `INSERT INTO deliveries (id, job, event_key, client_id, channel, recipient, message, status, next_attempt_at, created_at, updated_at, queued_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
);

interface Mention {
  readonly id: string;
  readonly title: string;
  readonly links: { readonly article: string };
}

function recordAlert(mention: Mention, at: number): number {
  let queued = 0;
  const message = JSON.stringify({ kind: 'text', text: `${mention.title}\n${mention.links.article}` });
  for (const recipient of whatsappContacts) {
    const request = { job: 'meltwater-alert', eventKey: `${CLIENT_ID}:${mention.id}`, channel: 'whatsapp', recipient } as const;
    const changed = insert.run(
      deliveryIdOf(request),
      request.job,
      request.eventKey,
      CLIENT_ID,
      'whatsapp',
      recipient,
      message,
      at,
      at,
      at,
      at,
    );
    queued += Number(changed.changes);
  }
  return queued;
}

const app = express();
app.post('/api/mw/whatsapp/:clientId', express.raw({ type: () => true, limit: MAX_BODY_BYTES }), async (request, response) => {
  const mention = JSON.parse((request.body as Buffer).toString('utf8')) as Mention;
  const queued = write ? await commit.run(() => recordAlert(mention, Date.now()), whatsappContacts.length) : whatsappContacts.length;
  response.statusCode = 202;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify({ queued, duplicates: whatsappContacts.length - queued }));
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stderr.write(`floor is listening on http://127.0.0.1:${port}\n`);
});
process.once('SIGTERM', () =>
  server.close(() => {
    void (checkpoints?.stop() ?? Promise.resolve()).then(() => {
      db.close();
      process.exit(0);
    });
  }),
);
