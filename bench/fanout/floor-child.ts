import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { startBackgroundCheckpoints } from '../../src/adapters/sqlite/sqlite.background-checkpoints.ts';
import { openDatabase } from '../../src/adapters/sqlite/sqlite.database.ts';
import { groupCommitOf } from '../../src/adapters/sqlite/sqlite.group-commit.ts';
import { deliveryIdOf } from '../../src/domain/deliveries/delivery.ts';
import { CLIENT_ID, mentionBody } from '../lib/mention.ts';

/**
 * A floor of the fan-out benchmark, for information: the least work any dispatcher must do and still keep
 * the ledger's guarantees (a delivery is claimed with a lease and committed before its call; it is recorded
 * sent, committed, before its lane calls again, so a crash repeats at most C messages). The service's own
 * database (openDatabase: every migration, its pragmas; group commit; the checkpoint thread), the intake's
 * chunks (50, then 100, a turn between two), and C lanes that each claim one due row, call Waapi with
 * node:http and a keep-alive agent (as http-support), confirm, and only then claim again. No client lookup,
 * rendering, validation, history rows, logging, outage tracking, pacing or retries.
 *
 * `two-commits`: the claim and the confirm commit apart, as the service does. `one-commit`: the next claim
 * runs in the confirm's transaction (one commit per cycle), to see what the service could gain by that.
 * `calls-only`: no database at all, the lanes only call (what the provider stand-in and node:http alone allow).
 *
 * Arguments: N, C, Waapi URL, instance, token, DATA_DIR, cycle. The figures go back to the bench over IPC.
 */

export type FloorCycle = 'two-commits' | 'one-commit' | 'calls-only';

export interface FloorFigures {
  readonly contacts: number;
  readonly concurrency: number;
  readonly cycle: FloorCycle;
  /** From the first chunk of the alert's rows being built to the last confirm committed. */
  readonly wallMs: number;
  readonly intakeMs: number;
  readonly cpuMicros: number;
}

const [contactsArgument, concurrencyArgument, baseUrl, instanceId, token, dataDir, cycleArgument] = process.argv.slice(2);
const contacts = Number(contactsArgument);
const concurrency = Number(concurrencyArgument);
const cycle = cycleArgument as FloorCycle;
const LEASE_MS = 120_000;
const FIRST_CHUNK = 50;
const CHUNK = 100;

const db = openDatabase(join(dataDir!, 'cvt-whatsapp.db'));
const commit = groupCommitOf(db);
const checkpoints = startBackgroundCheckpoints(db, (error) => process.stderr.write(`${error.message}\n`));
const insert = db.prepare(
  `INSERT INTO deliveries (id, job, event_key, client_id, channel, recipient, message, status, next_attempt_at, created_at, updated_at, queued_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
);
const claimStatement = db.prepare(
  `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, claim_token = ?, lease_until = ?, updated_at = ?
   WHERE id = (SELECT id FROM deliveries WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT 1)
   RETURNING id, recipient, message`,
);
const confirmStatement = db.prepare(
  `UPDATE deliveries SET status = 'sent', provider = 'waapi', provider_message_id = ?, claim_token = NULL, lease_until = NULL, updated_at = ?
   WHERE id = ? AND status NOT IN ('sent', 'delivered', 'read')`,
);

const mention = JSON.parse(mentionBody(1)) as { id: string; title: string; links: { article: string } };
const alertMessage = JSON.stringify({ kind: 'text', text: `${mention.title}\n${mention.links.article}` });

interface Claimed {
  readonly id: string;
  readonly recipient: string;
  readonly message: string;
}

const claimNext = (): Claimed | undefined => {
  const at = Date.now();
  return claimStatement.get(randomUUID(), at + LEASE_MS, at, at) as Claimed | undefined;
};
const confirm = (id: string, providerMessageId: string): void => void confirmStatement.run(providerMessageId, Date.now(), id);

const agent = new Agent({ keepAlive: true });
const sendUrl = new URL(`${baseUrl}/instances/${instanceId}/client/action/send-message`);
const headers = {
  authorization: `Bearer ${token}`,
  accept: 'application/json',
  'user-agent': 'cvt-whatsapp',
  'content-type': 'application/json',
};

/** Waapi's send-message; resolves with the message id it answered. */
function send(claimed: Claimed): Promise<string> {
  const { text } = JSON.parse(claimed.message) as { text: string };
  const body = JSON.stringify({ chatId: `${claimed.recipient.slice(1)}@c.us`, message: text });
  return new Promise((resolve, reject) => {
    const call = request({ hostname: sendUrl.hostname, port: sendUrl.port, path: sendUrl.pathname, method: 'POST', headers, agent });
    call.on('error', reject);
    call.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { _data: { id: { _serialized: string } } } };
        resolve(answer.data._data.id._serialized);
      });
    });
    call.end(body);
  });
}

// What the intake's publish is to the service's lanes: a chunk committed wakes the lanes that found nothing.
let chunksRecorded = 0;
let intakeDone = false;
let chunkRecorded = Promise.withResolvers<void>();
const wakeLanes = () => {
  chunksRecorded++;
  const woken = chunkRecorded;
  chunkRecorded = Promise.withResolvers<void>();
  woken.resolve();
};

async function lane(): Promise<void> {
  let claimed: Claimed | undefined;
  for (;;) {
    if (claimed === undefined) {
      // Asked after the last chunk committed, a claim that finds nothing means every row was taken.
      const allRecorded = intakeDone;
      const seen = chunksRecorded;
      claimed = await commit.run(claimNext);
      if (claimed !== undefined) continue;
      if (allRecorded) return;
      if (chunksRecorded === seen) await chunkRecorded.promise;
      continue;
    }
    const { id } = claimed;
    const providerMessageId = await send(claimed);
    if (cycle === 'one-commit') {
      claimed = await commit.run(() => (confirm(id, providerMessageId), claimNext()));
    } else {
      await commit.run(() => confirm(id, providerMessageId));
      claimed = undefined;
    }
  }
}

let called = 0;
async function callOnlyLane(): Promise<void> {
  while (called < contacts) await send({ id: String(called), recipient: `+506${80_000_000 + called++}`, message: alertMessage });
}

async function recordAlert(): Promise<void> {
  const eventKey = `${CLIENT_ID}:${mention.id}`;
  let size = FIRST_CHUNK;
  for (let start = 0; start < contacts; start += size, size = CHUNK) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const end = Math.min(contacts, start + size);
    await commit.run(() => {
      const at = Date.now();
      for (let index = start; index < end; index++) {
        const request = { job: 'meltwater-alert', eventKey, channel: 'whatsapp', recipient: `+506${80_000_000 + index}` } as const;
        insert.run(deliveryIdOf(request), request.job, eventKey, CLIENT_ID, 'whatsapp', request.recipient, alertMessage, at, at, at, at);
      }
    }, end - start);
    wakeLanes();
  }
  intakeDone = true;
}

const callsOnly = cycle === 'calls-only';
const lanes = callsOnly ? undefined : Promise.all(Array.from({ length: concurrency }, lane));
// As the bench's service child: the lanes wait for work before the alert arrives.
await new Promise((resolve) => setTimeout(resolve, 50));
globalThis.gc?.();

const cpuStart = process.cpuUsage();
const started = performance.now();
if (!callsOnly) await recordAlert();
const intakeMs = performance.now() - started;
await (lanes ?? Promise.all(Array.from({ length: concurrency }, callOnlyLane)));
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);

const { sent } = db.prepare(`SELECT count(*) AS sent FROM deliveries WHERE status = 'sent'`).get() as { sent: number };
if (!callsOnly && sent !== contacts) throw new Error(`${sent} deliveries recorded sent for ${contacts} contacts`);
const figures: FloorFigures = { contacts, concurrency, cycle, wallMs, intakeMs, cpuMicros: cpu.user + cpu.system };
agent.destroy();
await checkpoints.stop();
db.close();
process.send!(figures, () => process.exit(0));
