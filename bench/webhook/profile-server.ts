import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closedLoop } from '../lib/closed-loop.ts';
import { mentionBody } from '../lib/mention.ts';
import { processCpuMs } from '../lib/process-cpu.ts';
import { stopWithin } from '../lib/stop.ts';
import { tempDir } from '../lib/temp-dir.ts';
import { startWebhookServer, WEBHOOK_PATH } from './webhook-server.ts';

/**
 * Not part of `npm run bench`: `node bench/webhook/profile-server.ts [--cpu-prof-dir <dir>] [--server <bundle>]`
 * runs the webhook bench's server (dist/server/main.mjs after `node scripts/build.ts`, or another build such as
 * main's, to compare both on the same loaded machine) once under the same load. Prints the load's figures and
 * the server's CPU time per request (user + system, from /proc, warm-up included), which a busy machine
 * disturbs far less than a rate; with a directory, V8's CPU profile goes there and its top self-time entries
 * are printed. Used for bench/notes/webhook-per-request.md and bench/notes/group-commit.md.
 */
const { values } = parseArgs({
  options: { 'cpu-prof-dir': { type: 'string' }, server: { type: 'string', default: 'dist/server/main.mjs' } },
});
const profileDir = values['cpu-prof-dir'];
const dataDir = tempDir('webhook-profile');
const { server, url } = await startWebhookServer(dataDir.path, {
  nodeArgs: profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  bundle: values.server!,
});
try {
  const cpuBefore = processCpuMs(server.child.pid) ?? 0;
  let sent = 0;
  const figures = await closedLoop({
    origin: url,
    connections: 50,
    warmupMs: 1_000,
    durationMs: 5_000,
    expectStatus: 202,
    request: (index) => (sent++, { path: WEBHOOK_PATH, body: mentionBody(index) }),
  });
  const cpuPerRequest = ((processCpuMs(server.child.pid) ?? 0) - cpuBefore) / sent;
  process.stdout.write(`${JSON.stringify({ ...figures, sent, cpuMsPerRequest: Math.round(cpuPerRequest * 1000) / 1000 })}\n`);
} finally {
  await stopWithin(server);
  dataDir.remove();
}
const profile =
  profileDir === undefined
    ? undefined
    : readdirSync(profileDir)
        .filter((name) => name.endsWith('.cpuprofile'))
        .sort()
        .at(-1);
if (profile !== undefined) process.stdout.write(topSelfTime(join(profileDir!, profile)));

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
