import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { check, type BenchReport, type Check } from '../lib/report.ts';
import { round } from '../lib/stats.ts';

/**
 * The test loop's figures (issue 14): `npm test` within 3 minutes, and the unit and contract tests alone
 * (`npm run test:unit`, no bundle built) within 30 seconds. Their baselines are those budgets, not a figure
 * of the same run: nothing else the machine runs is what a test suite should be compared with. A suite
 * that does not pass fails its check whatever its time.
 */
const SUITES = [
  { name: 'npm test', script: 'test', budgetSeconds: 180, what: 'type check, architecture, dead code, every test' },
  { name: 'npm run test:unit', script: 'test:unit', budgetSeconds: 30, what: 'unit, property, contract tests, from the sources' },
] as const;

interface SuiteRun {
  readonly seconds: number;
  readonly green: boolean;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly loadBefore: number;
}

export async function testSuiteBench(): Promise<BenchReport> {
  const runs: { suite: (typeof SUITES)[number]; run: SuiteRun }[] = [];
  for (const suite of SUITES) runs.push({ suite, run: await runSuite(suite.script) });
  return {
    id: 'tests',
    title: 'Test suite',
    checks: runs.map(({ suite, run }): Check => {
      const timed = check(
        suite.name,
        { value: suite.budgetSeconds, unit: 's', what: 'the budget' },
        { value: round(run.seconds, 1), unit: 's', what: `${suite.what}: ${run.passed} passed, ${run.failed} failed` },
        { of: 'ratio', comparison: '<=', value: 1 },
      );
      return { ...timed, met: timed.met === true && run.green };
    }),
    details: Object.fromEntries(runs.map(({ suite, run }) => [suite.script, { ...run, seconds: round(run.seconds, 1) }])),
    notes: [
      "Each suite run once through npm, as a developer runs it, timed from spawn to exit; its counts read from vitest's summary. `npm test` builds the deployables first (its integration project does); the figure includes that. Whether it stays green while another heavy process runs is checked by hand (README).",
    ],
  };
}

function runSuite(script: string): Promise<SuiteRun> {
  // Under `npm run bench`, npm says where it is; run directly, the one on the PATH.
  const npm = process.env['npm_execpath'];
  const [command, args] = npm === undefined ? ['npm', ['run', script]] : [process.execPath, [npm, 'run', script]];
  const loadBefore = round(loadavg()[0]!, 2);
  const started = performance.now();
  const child = spawn(command, args, {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      // eslint-disable-next-line no-control-regex -- vitest's colours, should any remain
      const plain = output.replace(/\u001b\[[0-9;]*m/gu, '');
      const summary = /^\s*Tests\s+(.+)$/mu.exec(plain)?.[1] ?? '';
      const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`, 'u').exec(summary)?.[1] ?? 0);
      resolve({ seconds, green: code === 0, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), loadBefore });
    });
  });
}
