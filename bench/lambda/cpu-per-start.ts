/**
 * CPU time (user + system) per cold start of each Lambda bundle, which the machine's load disturbs far less
 * than the wall time `--only lambda` reports: the same start as the bench (import the bundle, invoke it once
 * with its harmless event), timed by the child itself with `process.cpuUsage()` when done; the wall time from
 * spawn to its line beside it (the bench's measure).
 *
 *   node bench/lambda/cpu-per-start.ts [--runs 10] [--before <dir holding an older dist/lambda>]
 *     [--only <function>] [--profile <dir>: a V8 CPU profile of each start, in <dir>/<subject>/]
 *
 * With `--before`, each function's older bundle is started alternately with the current one, so that both
 * see the same load. Run `node scripts/build.ts --target lambda` first (and the bench once, for the reference).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { LAMBDA_HANDLERS } from '../../scripts/build.ts';
import { startFauxqs } from '../../test/support/fauxqs.ts';
import { spawnNode, waitForLine } from '../lib/processes.ts';
import { median } from '../lib/stats.ts';
import { tempDir } from '../lib/temp-dir.ts';
import { lambdaEnvironment } from './cold-start.ts';
import { harmlessEvent, type LambdaName } from './invocations.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    before: { type: 'string' },
    only: { type: 'string' },
    profile: { type: 'string' },
  },
});
const runs = Number(values.runs);
const trees = [
  { label: 'after', dir: resolve('dist/lambda') },
  ...(values.before === undefined ? [] : [{ label: 'before', dir: resolve(values.before) }]),
];
const reference = resolve('dist/bench/sqs-reference/index.mjs');

const fauxqs = await startFauxqs();
const dataDir = tempDir('lambda-cpu');
try {
  const env = await lambdaEnvironment(fauxqs, dataDir.path);
  const subjects = [
    { name: 'empty Node start', bundle: null, event: null },
    ...(existsSync(reference) ? [{ name: 'SQS-client reference', bundle: reference, event: {} }] : []),
    ...LAMBDA_HANDLERS.filter((name) => values.only === undefined || name === values.only).flatMap((name: LambdaName) =>
      trees.map((tree) => ({ name: `${name} (${tree.label})`, bundle: resolve(tree.dir, name, 'index.mjs'), event: harmlessEvent(name) })),
    ),
  ];
  const cpu = new Map<string, number[]>(subjects.map((subject) => [subject.name, []]));
  const wall = new Map<string, number[]>(subjects.map((subject) => [subject.name, []]));
  // Round 0 warms the file cache and creates the SQLite file; rounds alternate so that noise hits all alike.
  for (let round = 0; round <= runs; round++) {
    for (const subject of subjects) {
      const profile =
        values.profile === undefined || round === 0
          ? []
          : ['--cpu-prof', '--cpu-prof-interval', '100', `--cpu-prof-dir=${resolve(values.profile, subject.name)}`];
      const started = performance.now();
      const used = await cpuOfStart(subject.bundle, subject.event, env, profile);
      if (round > 0) cpu.get(subject.name)!.push(used);
      if (round > 0) wall.get(subject.name)!.push(performance.now() - started);
    }
  }
  for (const [name, samples] of cpu) {
    process.stdout.write(`${name.padEnd(40)} ${median(samples).toFixed(1)} ms CPU, ${median(wall.get(name)!).toFixed(1)} ms wall\n`);
  }
} finally {
  dataDir.remove();
  await fauxqs.close();
}

async function cpuOfStart(
  bundle: string | null,
  event: unknown,
  env: Record<string, string>,
  nodeOptions: readonly string[],
): Promise<number> {
  const work =
    bundle === null
      ? ''
      : `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)}); await handler(${JSON.stringify(event)});`;
  const script = `${work}
const { user, system } = process.cpuUsage();
process.stdout.write('CPU ' + (user + system) / 1000 + '\\n', () => process.exit(0));`;
  const child = spawnNode([...nodeOptions, '--input-type=module', '-e', script], env);
  const line = await waitForLine(child, /^CPU (.+)$/u);
  await child.exited;
  return Number(line);
}
