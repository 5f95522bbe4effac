import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closedLoop } from '../lib/closed-loop.ts';
import { CLIENT_ID, CLIENT_USERS, mentionBody } from '../lib/mention.ts';
import { spawnNode, waitForLine } from '../lib/processes.ts';
import { stopWithin } from '../lib/stop.ts';
import { tempDir } from '../lib/temp-dir.ts';

/**
 * Not part of `npm run bench`: the server of benchmark 1 under the same load, with `--cpu-prof`, and its
 * CPU time per acknowledged request (user + system, from /proc), which a busy machine disturbs far less
 * than requests per second. `node bench/webhook/cpu-profile.ts --out <folder>` after `node scripts/build.ts`;
 * prints the figures and the profile's top self-time entries.
 */
const { values } = parseArgs({ options: { out: { type: 'string', default: 'bench-profile' }, seconds: { type: 'string', default: '8' } } });
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const WEBHOOK_TOKEN = 'bench-webhook-token-0123456789abcdef';
const TICKS_PER_SECOND = 100;

const dataDir = tempDir('webhook-profile');
const server = spawnNode(['--enable-source-maps', '--cpu-prof', `--cpu-prof-dir=${values.out}`, 'dist/server/main.mjs'], {
  DATA_DIR: dataDir.path,
  PORT: '0',
  HOST: '127.0.0.1',
  REPORT_SCHEDULE: 'off',
  ADMIN_TOKEN,
  MELTWATER_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
  LOG_LEVEL: 'warn',
  WEBHOOK_RATE_LIMIT_PER_MINUTE: '0',
});
try {
  const url = await waitForLine(server, /listening on (http:\/\/\S+)/u);
  const saved = await fetch(`${url}/api/clients/${CLIENT_ID}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Cliente Temporal', users: CLIENT_USERS }),
  });
  if (!saved.ok) throw new Error(`could not save the client: ${saved.status}`);
  const cpuBefore = cpuSeconds(server.child.pid!);
  const figures = await closedLoop({
    origin: url,
    connections: 50,
    warmupMs: 0,
    durationMs: Number(values.seconds) * 1_000,
    expectStatus: 202,
    request: (index) => ({ path: `/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, body: mentionBody(index) }),
  });
  const cpu = cpuSeconds(server.child.pid!) - cpuBefore;
  process.stdout.write(
    `${figures.requests} requests, ${Math.round(figures.perSecond)} req/s, p99 ${figures.p99Ms.toFixed(1)} ms; ` +
      `server CPU ${cpu.toFixed(2)} s = ${((cpu * 1_000) / figures.requests).toFixed(3)} ms per request\n`,
  );
} finally {
  await stopWithin(server, 15_000);
  dataDir.remove();
}
const profile = readdirSync(values.out)
  .filter((name) => name.endsWith('.cpuprofile'))
  .sort()
  .at(-1);
if (profile !== undefined) process.stdout.write(topSelfTime(join(values.out, profile)));

function cpuSeconds(pid: number): number {
  // /proc/<pid>/stat: fields 14 and 15 are user and system time in clock ticks (after the parenthesised name).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

function topSelfTime(path: string, count = 25): string {
  const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(path, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  samples.forEach((id, index) => {
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    const delta = timeDeltas[index] ?? 0;
    self.set(key, (self.get(key) ?? 0) + delta);
    total += delta;
  });
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, count);
  return `${path}\n${rows.map(([key, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`).join('\n')}\n`;
}
