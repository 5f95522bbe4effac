import { closedLoop, type LoadFigures } from '../lib/closed-loop.ts';
import { spawnNode, waitForLine, type Spawned } from '../lib/processes.ts';
import { check, type BenchReport } from '../lib/report.ts';
import { round } from '../lib/stats.ts';
import { stopWithin } from '../lib/stop.ts';
import { tempDir } from '../lib/temp-dir.ts';
import { mentionBody } from '../lib/mention.ts';
import { startWebhookServer, WEBHOOK_PATH } from './webhook-server.ts';

const CONNECTIONS = 50;
const WARMUP_MS = 1_000;
const DURATION_MS = 5_000;
/** Each side is measured this many times, alternately, and its best run kept: the machine is shared. */
const ROUNDS = 2;
const LISTENING = /listening on (http:\/\/\S+)/u;

/** Benchmark 1: webhook acknowledgement throughput and p99 of the built server, against a bare Express "hello". */
export async function webhookBench(): Promise<BenchReport> {
  const hello: LoadFigures[] = [];
  const service: LoadFigures[] = [];
  for (let index = 0; index < ROUNDS; index++) {
    hello.push(await measureHello());
    service.push(await measureServer(index));
  }
  const best = (runs: LoadFigures[]) => runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const [baseline, measured] = [best(hello), best(service)];
  return {
    id: 'webhook',
    title: '1. Meltwater webhook acknowledgement',
    checks: [
      check(
        'throughput',
        { value: round(baseline.perSecond, 0), unit: 'req/s', what: 'bare Express "hello"' },
        { value: round(measured.perSecond, 0), unit: 'req/s', what: 'POST /api/mw/whatsapp/:clientId → 202' },
        { of: 'ratio', comparison: '>=', value: 0.5 },
      ),
      check(
        'p99 latency',
        { value: round(baseline.p99Ms, 1), unit: 'ms', what: 'bare Express "hello"' },
        { value: round(measured.p99Ms, 1), unit: 'ms', what: 'POST /api/mw/whatsapp/:clientId → 202' },
        null,
      ),
    ],
    details: { connections: CONNECTIONS, warmupMs: WARMUP_MS, durationMs: DURATION_MS, rounds: { hello, service } },
    notes: [
      `Closed loop of ${CONNECTIONS} keep-alive connections (undici Pool) in the bench process; ${WARMUP_MS / 1000} s warm-up, ${DURATION_MS / 1000} s measured; best of ${ROUNDS} alternating rounds per side.`,
      'Both sides get the same POST (an Every Mention body, about 600 bytes); each request to the server is a new mention for a client with 3 WhatsApp contacts, so it records 3 deliveries in SQLite.',
      'Server: dist/server/main.mjs on the embedded default (SQLite, outbox provider, dispatcher running), LOG_LEVEL=warn, WEBHOOK_RATE_LIMIT_PER_MINUTE=0 (the default 300 per client per minute would answer 429 after a fraction of a second).',
      'Deliveries to the same 3 contacts are held by WHATSAPP_RECIPIENT_SPACING_MS (2 s), so the outbox sends little during the run: the figure is the acknowledgement path.',
    ],
  };
}

async function measureHello(): Promise<LoadFigures> {
  const hello = spawnNode(['bench/webhook/hello-server.ts'], {});
  try {
    const url = await waitForLine(hello, LISTENING);
    return await load(url, 200);
  } finally {
    await stopWithin(hello);
  }
}

async function measureServer(index: number): Promise<LoadFigures> {
  const dataDir = tempDir('webhook');
  let server: Spawned | undefined;
  try {
    const started = await startWebhookServer(dataDir.path);
    server = started.server;
    return await load(started.url, 202, index * 10_000_000);
  } finally {
    if (server !== undefined) await stopWithin(server);
    dataDir.remove();
  }
}

function load(origin: string, expectStatus: number, firstMention = 0): Promise<LoadFigures> {
  return closedLoop({
    origin,
    connections: CONNECTIONS,
    warmupMs: WARMUP_MS,
    durationMs: DURATION_MS,
    expectStatus,
    request: (index) => ({ path: WEBHOOK_PATH, body: mentionBody(firstMention + index) }),
  });
}
