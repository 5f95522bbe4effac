import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempDir } from '../lib/temp-dir.ts';

// Not part of `npm run bench`: one fan-out child (as the bench forks it) against a 50 ms Waapi stand-in that
// keeps every call's arrival and answer and the keep-alive socket it came on, for bench/notes/fanout.md.
// `node bench/fanout/timeline.ts [contacts] [C] [trace.json] [two-commits|one-commit|calls-only]` prints a summary
// and writes the raw trace; given a cycle, it runs the floor (floor-child.ts) instead of the service.
// Times are from the first call's arrival. A "gap" is the time from an answer to the next call on the same
// socket (a lane's, or a slot's, idle time); rounds are by the first answers' times (0–80, 80–160 ms…).
const [contacts = '1000', concurrency = '50', out = join(tmpdir(), 'fanout-timeline.json'), floorCycle] = process.argv.slice(2);
const DELAY_MS = 50;
const calls: { arrive: number; answer: number; socket: number }[] = [];
const sockets = new Map<Socket, number>();
let sends = 0;
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    if (!sockets.has(request.socket)) sockets.set(request.socket, sockets.size);
    const call = { arrive: performance.now(), answer: 0, socket: sockets.get(request.socket)! };
    calls.push(call);
    const { chatId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { chatId: string };
    setTimeout(() => {
      sends++;
      call.answer = performance.now();
      const serialized = `true_${chatId}_3EB0${sends.toString(16).toUpperCase().padStart(18, '0')}`;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          status: 'success',
          instanceId: '60123',
          data: { _data: { id: { fromMe: true, remote: chatId, _serialized: serialized }, ack: 0 } },
        }),
      );
    }, DELAY_MS);
  });
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const dataDir = tempDir('fanout-timeline');
const child = fork(
  floorCycle === undefined ? 'bench/fanout/fanout-child.ts' : 'bench/fanout/floor-child.ts',
  [
    contacts,
    concurrency,
    `http://127.0.0.1:${port}/api/v1`,
    '60123',
    'bench-waapi-token-0123456789',
    dataDir.path,
    ...(floorCycle === undefined ? [] : [floorCycle]),
  ],
  { execArgv: ['--expose-gc'], env: { PATH: process.env['PATH'] ?? '' } },
);
const figures = (await new Promise((resolve, reject) => {
  child.once('message', resolve);
  child.once('exit', (code) => reject(new Error(`child ended (${code}) without figures`)));
})) as { wallMs: number; intakeMs: number; cpuMicros: number; maxRssBytes?: number };
await new Promise((resolve) => child.once('exit', resolve));
dataDir.remove();
server.closeAllConnections();
server.close();

const start = Math.min(...calls.map((call) => call.arrive));
const trace = calls
  .map((call) => ({ ...call, arrive: call.arrive - start, answer: call.answer - start }))
  .sort((a, b) => a.arrive - b.arrive);
const end = Math.max(...trace.map((call) => call.answer));
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const quantile = (values: readonly number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]!;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const gaps: { at: number; gap: number }[] = [];
const bySocket = Map.groupBy(trace, (call) => call.socket);
for (const list of bySocket.values())
  for (let i = 1; i < list.length; i++) gaps.push({ at: list[i - 1]!.answer, gap: list[i]!.arrive - list[i - 1]!.answer });
const gapsIn = (from: number, to: number) => gaps.filter(({ at }) => at >= from && at < to).map(({ gap }) => gap);
// Arrivals per 5 ms after the first round: a burst shows as full buckets between empty ones.
const buckets = Array.from(
  { length: 60 },
  (_, index) => trace.filter((call) => call.arrive >= 60 + index * 5 && call.arrive < 65 + index * 5).length,
);
const spread = (from: number) => trace[from + Number(concurrency) - 1]!.arrive - trace[from]!.arrive;
const inFlight = Array.from({ length: Math.ceil(end / 10) }, (_, index) =>
  round(trace.reduce((sum, call) => sum + Math.max(0, Math.min(call.answer, index * 10 + 10) - Math.max(call.arrive, index * 10)), 0) / 10),
);
const summary = {
  wallMs: round(figures.wallMs, 0),
  intakeMs: round(figures.intakeMs, 0),
  cpuPerMessageMicros: round(figures.cpuMicros / Number(contacts), 0),
  maxRssMB: figures.maxRssBytes === undefined ? undefined : round(figures.maxRssBytes / 1024 / 1024),
  beforeFirstCallAndAfterLastAnswerMs: round(figures.wallMs - end, 0),
  sockets: bySocket.size,
  // The stand-in's own hold, arrival to answer: its 50 ms timer and what its event loop adds to it.
  holdMs: {
    mean: round(mean(trace.map((call) => call.answer - call.arrive)), 2),
    p90: round(
      quantile(
        trace.map((call) => call.answer - call.arrive),
        0.9,
      ),
      2,
    ),
  },
  meanInFlight: round(trace.reduce((sum, call) => sum + call.answer - call.arrive, 0) / end),
  gapMs: {
    mean: round(mean(gaps.map(({ gap }) => gap)), 2),
    p50: round(
      quantile(
        gaps.map(({ gap }) => gap),
        0.5,
      ),
      2,
    ),
    p90: round(
      quantile(
        gaps.map(({ gap }) => gap),
        0.9,
      ),
      2,
    ),
  },
  gapByRoundMs: [0, 80, 160].map((from) => round(mean(gapsIn(from, from + 80)), 2)),
  gapMiddleMs: round(mean(gapsIn(240, end - 150)), 2),
  roundSpreadMs: [0, 1, 2].map((round_) => round(spread(round_ * Number(concurrency)), 0)),
  arrivalsPer5msFrom60To360: {
    max: Math.max(...buckets),
    empty: buckets.filter((count) => count === 0).length,
    buckets: buckets.join(' '),
  },
  inFlightPer10ms: inFlight.join(' '),
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
writeFileSync(out, JSON.stringify({ figures, summary, calls: trace }));
