import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { cliStartupBench } from './cli/cli-startup.ts';
import { coldStartBench } from './lambda/cold-start.ts';
import { fanoutBench } from './fanout/fanout.ts';
import { machine } from './lib/machine.ts';
import type { BenchReport } from './lib/report.ts';
import { resultsTable } from './lib/table.ts';
import { testSuiteBench } from './test-suite/test-suite.ts';
import { newsletterBench } from './newsletter/newsletter.ts';
import { webhookBench } from './webhook/webhook.ts';
import { workerBench } from './worker/worker.ts';

/**
 * `npm run bench`: every benchmark, one after the other (they would disturb each other on a shared
 * machine), each figure against a baseline measured in the same run. Writes bench/results.json and
 * prints the table. `npm run bench -- --only webhook` runs some of them and writes nothing.
 */
const BENCHMARKS: Record<string, () => Promise<BenchReport>> = {
  webhook: webhookBench,
  fanout: fanoutBench,
  newsletter: newsletterBench,
  lambda: coldStartBench,
  worker: workerBench,
  cli: cliStartupBench,
  tests: testSuiteBench,
};

const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });
const chosen = values.only ?? Object.keys(BENCHMARKS);
const unknown = chosen.filter((id) => !(id in BENCHMARKS));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; expected some of ${Object.keys(BENCHMARKS).join(', ')}\n`);
  process.exit(2);
}

const started = performance.now();
const host = machine();
const reports: BenchReport[] = [];
const failures: { id: string; error: string }[] = [];
for (const id of chosen) {
  process.stderr.write(`bench: ${id}…\n`);
  const benchStarted = performance.now();
  try {
    reports.push(await BENCHMARKS[id]!());
  } catch (error) {
    failures.push({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.stderr.write(`bench: ${id} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.stderr.write(`bench: ${id} took ${((performance.now() - benchStarted) / 1000).toFixed(1)} s\n`);
}

const results = {
  machine: host,
  durationSeconds: Math.round((performance.now() - started) / 100) / 10,
  benchmarks: reports,
  failures,
};
process.stdout.write(`\n${resultsTable(reports)}\n\n`);
if (values.only === undefined) {
  // Formatted as Prettier would, so that the committed file passes `prettier --check`.
  const path = 'bench/results.json';
  writeFileSync(path, await format(JSON.stringify(results), { ...(await resolveConfig(path)), parser: 'json' }));
  process.stdout.write(`bench/results.json written (${results.durationSeconds} s, ${host.cpus} CPUs, load ${host.loadAverage}).\n`);
} else {
  process.stdout.write('Some benchmarks only: bench/results.json left as it was.\n');
}
if (failures.length > 0) process.exit(1);
