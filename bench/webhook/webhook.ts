import { closedLoop, type LoadFigures } from '../lib/closed-loop.ts';
import { spawnNode, waitForLine, type Spawned } from '../lib/processes.ts';
import { check, type BenchReport, type Check } from '../lib/report.ts';
import { round } from '../lib/stats.ts';
import { stopWithin } from '../lib/stop.ts';
import { tempDir } from '../lib/temp-dir.ts';
import { mentionBody } from '../lib/mention.ts';
import { processCpuMs } from '../lib/process-cpu.ts';
import { startWebhookServer, WEBHOOK_PATH } from './webhook-server.ts';

const CONNECTIONS = 50;
const WARMUP_MS = 1_000;
const DURATION_MS = 5_000;
/** Each side is measured this many times, alternately, and its best run kept: the machine is shared. */
const ROUNDS = 2;
const LISTENING = /listening on (http:\/\/\S+)/u;

/** Benchmark 1: webhook acknowledgement throughput and p99 of the built server, against a bare Express "hello". */
export async function webhookBench(): Promise<BenchReport> {
  const hello: Measured[] = [];
  const service: Measured[] = [];
  const floor: Measured[] = [];
  const parseOnly: Measured[] = [];
  for (let index = 0; index < ROUNDS; index++) {
    hello.push(await measureHello());
    service.push(await measureServer(index));
    floor.push(await measureFloor('write'));
    parseOnly.push(await measureFloor('parse-only'));
  }
  const best = (runs: Measured[]) => runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
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
      ...floorChecks(baseline, best(floor), best(parseOnly), measured),
    ],
    details: { connections: CONNECTIONS, warmupMs: WARMUP_MS, durationMs: DURATION_MS, rounds: { hello, service, floor, parseOnly } },
    notes: [
      `Closed loop of ${CONNECTIONS} keep-alive connections (undici Pool) in the bench process; ${WARMUP_MS / 1000} s warm-up, ${DURATION_MS / 1000} s measured; best of ${ROUNDS} alternating rounds per side.`,
      'Both sides get the same POST (an Every Mention body, about 600 bytes); each request to the server is a new mention for a client with 3 WhatsApp contacts, so it records 3 deliveries in SQLite.',
      'Server: dist/server/main.mjs on the embedded default (SQLite, outbox provider, dispatcher running), LOG_LEVEL=warn, WEBHOOK_RATE_LIMIT_PER_MINUTE=0 (the default 300 per client per minute would answer 429 after a fraction of a second).',
      'Deliveries to the same 3 contacts are held by WHATSAPP_RECIPIENT_SPACING_MS (2 s), so the outbox sends little during the run: the figure is the acknowledgement path.',
      "Floors, for information (no target; bench/webhook/floor-server.ts): Express with the webhook's body parser answering 202 after writing the alert's 3 delivery rows with the ledger's INSERT into the real schema (every migration) through the same group commit, nothing else; and the same server answering after parsing only. The first is the ceiling of any design that keeps \"202 means on disk\" on this machine.",
      'CPU per request (for information, Linux only): user + system time of the server process from /proc/<pid>/stat over warm-up and measurement, divided by the requests sent.',
    ],
  };
}

interface Measured extends LoadFigures {
  /** The server's CPU time per request sent, warm-up included; undefined without /proc. */
  readonly cpuMsPerRequest: number | undefined;
}

async function measureHello(): Promise<Measured> {
  const hello = spawnNode(['bench/webhook/hello-server.ts'], {});
  try {
    const url = await waitForLine(hello, LISTENING);
    return await load(hello, url, 200);
  } finally {
    await stopWithin(hello);
  }
}

async function measureServer(index: number): Promise<Measured> {
  const dataDir = tempDir('webhook');
  let server: Spawned | undefined;
  try {
    const started = await startWebhookServer(dataDir.path);
    server = started.server;
    return await load(server, started.url, 202, index * 10_000_000);
  } finally {
    if (server !== undefined) await stopWithin(server);
    dataDir.remove();
  }
}

async function measureFloor(mode: 'write' | 'parse-only'): Promise<Measured> {
  const dataDir = tempDir('webhook-floor');
  const floor = spawnNode(
    ['bench/webhook/floor-server.ts', `${dataDir.path}/cvt-whatsapp.db`, ...(mode === 'write' ? [] : ['--no-write'])],
    {},
  );
  try {
    const url = await waitForLine(floor, LISTENING);
    return await load(floor, url, 202);
  } finally {
    await stopWithin(floor);
    dataDir.remove();
  }
}

/** Information rows: the floors against the same hello, and the CPU each request costs the service and the floor. */
function floorChecks(hello: Measured, floor: Measured, parseOnly: Measured, service: Measured): Check[] {
  const rate = (figures: Measured, what: string) => ({ value: round(figures.perSecond, 0), unit: 'req/s', what });
  const checks = [
    check(
      'floor: parse, 3 rows, COMMIT, 202',
      rate(hello, 'bare Express "hello"'),
      rate(floor, 'floor-server.ts: body parser, group-committed INSERTs, 202'),
      null,
    ),
    check('floor: parse, 202', rate(hello, 'bare Express "hello"'), rate(parseOnly, 'floor-server.ts --no-write: body parser, 202'), null),
  ];
  if (hello.cpuMsPerRequest === undefined || floor.cpuMsPerRequest === undefined || service.cpuMsPerRequest === undefined) return checks;
  return [
    ...checks,
    check(
      'CPU per request, floor',
      { value: hello.cpuMsPerRequest, unit: 'ms', what: 'bare Express "hello"' },
      { value: floor.cpuMsPerRequest, unit: 'ms', what: 'the floor server (parse, 3 rows, COMMIT, 202)' },
      null,
    ),
    check(
      'CPU per request',
      { value: floor.cpuMsPerRequest, unit: 'ms', what: 'the floor server (parse, 3 rows, COMMIT, 202)' },
      { value: service.cpuMsPerRequest, unit: 'ms', what: 'the service' },
      null,
    ),
  ];
}

async function load(server: Spawned, origin: string, expectStatus: number, firstMention = 0): Promise<Measured> {
  const cpuBefore = processCpuMs(server.child.pid);
  let sent = 0;
  const figures = await closedLoop({
    origin,
    connections: CONNECTIONS,
    warmupMs: WARMUP_MS,
    durationMs: DURATION_MS,
    expectStatus,
    request: (index) => (sent++, { path: WEBHOOK_PATH, body: mentionBody(firstMention + index) }),
  });
  const cpuAfter = processCpuMs(server.child.pid);
  const cpuMsPerRequest = cpuBefore === undefined || cpuAfter === undefined ? undefined : round((cpuAfter - cpuBefore) / sent, 3);
  return { ...figures, cpuMsPerRequest };
}
