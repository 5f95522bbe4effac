import { mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildOne, LAMBDA_HANDLERS } from '../../scripts/build.ts';
import { startFauxqs } from '../../test/support/fauxqs.ts';
import { spawnNode, waitForLine } from '../lib/processes.ts';
import { median, round } from '../lib/stats.ts';
import { tempDir } from '../lib/temp-dir.ts';
import { coldStartEnvironment } from './environment.ts';
import { harmlessEvent, type LambdaName } from './invocations.ts';

/**
 * CPU time (user + system) per Lambda cold start, the figure a loaded machine disturbs least: each subject
 * started `--runs` times, alternating, in a fresh Node process that imports the bundle, invokes it once with
 * the bench's event (bench/lambda/cold-start.ts) and reports `process.cpuUsage()` before exiting.
 *
 *   node bench/lambda/cpu-per-start.ts [--runs 10] [--dist label=dir]… [--probe file.ts]… [--cpu-prof dir] [--env NAME=value]…
 *
 * `--dist` compares builds of the functions (dist/lambda by default; another, such as a copy of main's
 * build, under its label); `--probe` builds a small module exporting `handler` with the deployables' esbuild
 * settings and starts it the same way (to time one import or one step alone). An empty Node start and the
 * SQS-client reference are always measured beside them. `--cpu-prof` writes each start's V8 CPU profile.
 * `--env` changes the functions' environment (`--env STORE=mongodb --env MONGODB_URI=…`, as the bench's
 * `STORE=mongodb` variants; only the functions whose event reads no store can start without a server).
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    dist: { type: 'string', multiple: true },
    probe: { type: 'string', multiple: true },
    only: { type: 'string', multiple: true },
    'cpu-prof': { type: 'string' },
    env: { type: 'string', multiple: true },
  },
});

interface Subject {
  readonly label: string;
  readonly bundle: string | null;
  readonly event: unknown;
}

const PROBES_DIR = resolve('dist/bench/probes');
const runs = Number(values.runs);
const dists = (values.dist ?? ['dist/lambda']).map((entry) => {
  const [label, dir] = entry.includes('=') ? (entry.split('=', 2) as [string, string]) : [basename(resolve(entry, '..')), entry];
  return { label, dir: resolve(dir) };
});
const functions = LAMBDA_HANDLERS.filter((name) => values.only === undefined || values.only.includes(name));

await buildOne({
  entry: 'bench/lambda/sqs-reference.handler.ts',
  outfile: resolve('dist/bench/sqs-reference/index.mjs'),
  minify: true,
  split: true,
  oneSharedChunk: true,
});
const probes: Subject[] = [];
for (const probe of values.probe ?? []) {
  const name = basename(probe).replace(/\.ts$/u, '');
  const outfile = resolve(PROBES_DIR, name, 'index.mjs');
  await buildOne({ entry: probe, outfile, minify: true, split: true });
  probes.push({ label: `probe ${name}`, bundle: outfile, event: {} });
}
const subjects: Subject[] = [
  { label: 'empty Node start', bundle: null, event: null },
  { label: 'sqs-reference', bundle: resolve('dist/bench/sqs-reference/index.mjs'), event: {} },
  ...probes,
  ...dists.flatMap(({ label, dir }) =>
    functions.map((name: LambdaName) => ({
      label: `${name} (${label})`,
      bundle: resolve(dir, name, 'index.mjs'),
      event: harmlessEvent(name),
    })),
  ),
];

const fauxqs = await startFauxqs();
const dataDir = tempDir('lambda-cpu');
try {
  const env = {
    ...(await coldStartEnvironment(fauxqs, dataDir.path)),
    ...Object.fromEntries((values.env ?? []).map((entry) => entry.split(/=(.*)/su, 2) as [string, string])),
  };
  const profileDir = values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']);
  const cpu = new Map<string, number[]>(subjects.map((subject) => [subject.label, []]));
  // Round 0 warms the file cache and creates the SQLite file.
  for (let round = 0; round <= runs; round++) {
    for (const subject of subjects) {
      const flags: string[] = [];
      if (profileDir !== undefined && round > 0) {
        const dir = resolve(profileDir, subject.label.replace(/[^a-z0-9-]+/giu, '_'));
        mkdirSync(dir, { recursive: true });
        flags.push('--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir);
      }
      const ms = await cpuOfOneStart(subject, env, flags);
      if (round > 0) cpu.get(subject.label)!.push(ms);
    }
  }
  const reference = median(cpu.get('sqs-reference')!);
  const width = Math.max(...subjects.map((subject) => subject.label.length));
  process.stdout.write(`CPU per start (user + system), median of ${runs}; ratio to the SQS-client reference\n`);
  for (const subject of subjects) {
    const ms = median(cpu.get(subject.label)!);
    process.stdout.write(`${subject.label.padEnd(width)}  ${round(ms, 1).toFixed(1).padStart(6)} ms  ${(ms / reference).toFixed(2)} ×\n`);
  }
} finally {
  dataDir.remove();
  await fauxqs.close();
}

async function cpuOfOneStart(subject: Subject, env: Record<string, string>, flags: readonly string[]): Promise<number> {
  const work =
    subject.bundle === null
      ? ''
      : `const { handler } = await import(${JSON.stringify(pathToFileURL(subject.bundle).href)});
await handler(${JSON.stringify(subject.event)});`;
  const script = `${work}
const used = process.cpuUsage();
process.stdout.write('CPU ' + (used.user + used.system) / 1000 + '\\n', () => process.exit(0));`;
  const child = spawnNode([...flags, '--input-type=module', '-e', script], env);
  const line = await waitForLine(child, /^CPU (.+)$/u);
  await child.exited;
  return Number(line);
}
