import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { closedLoop } from '../lib/closed-loop.ts';
import { spawnNode, waitForLine } from '../lib/processes.ts';
import { stopWithin } from '../lib/stop.ts';
import { tempDir } from '../lib/temp-dir.ts';
import { CLIENT_ID, CLIENT_USERS, mentionBody } from '../lib/mention.ts';

/**
 * `node bench/webhook/profile-server.ts [--cpu-prof-dir <dir>] [--server <bundle>]`: the webhook bench's server
 * (dist/server/main.mjs, or another build such as main's, to compare both on the same loaded machine) run once
 * under the same load, with V8's CPU profiler on when a directory is given, for bench/notes/webhook-per-request.md.
 * Prints the load's figures and the server's CPU time per request (user + system, from /proc, the whole
 * run including warm-up): a figure the machine's load disturbs less than a rate.
 */
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const WEBHOOK_TOKEN = 'bench-webhook-token-0123456789abcdef';
const { values } = parseArgs({
  options: { 'cpu-prof-dir': { type: 'string' }, server: { type: 'string', default: 'dist/server/main.mjs' } },
});
const profileDir = values['cpu-prof-dir'];
const dataDir = tempDir('webhook-profile');
const server = spawnNode([...(profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]), values.server!], {
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
  const cpuBefore = cpuMs(server.child.pid!);
  let sent = 0;
  const figures = await closedLoop({
    origin: url,
    connections: 50,
    warmupMs: 1_000,
    durationMs: 5_000,
    expectStatus: 202,
    request: (index) => (sent++, { path: `/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, body: mentionBody(index) }),
  });
  const cpuPerRequest = (cpuMs(server.child.pid!) - cpuBefore) / sent;
  process.stdout.write(`${JSON.stringify({ ...figures, sent, cpuMsPerRequest: Math.round(cpuPerRequest * 1000) / 1000 })}\n`);
} finally {
  await stopWithin(server);
  dataDir.remove();
}

/** utime + stime of a process, in milliseconds (Linux clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
