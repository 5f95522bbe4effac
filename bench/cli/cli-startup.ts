import { spawnNode } from '../lib/processes.ts';
import { check, type BenchReport } from '../lib/report.ts';
import { median, round } from '../lib/stats.ts';
import { tempDir } from '../lib/temp-dir.ts';

const RUNS = 10;

/** What an operator types, run as README says to call it without npx (`./node_modules/.bin/cvt-whatsapp`). */
const COMMANDS = [
  { name: '--help', args: ['--help'], target: 2 },
  { name: 'clients list', args: ['clients', 'list'], target: 3 },
] as const;

/** Benchmark: the CLI's start-up, each command against an empty Node start in the same run. */
export async function cliStartupBench(): Promise<BenchReport> {
  const dataDir = tempDir('cli');
  const env = { DATA_DIR: dataDir.path };
  try {
    const subjects: readonly (readonly string[])[] = [['-e', ''], ...COMMANDS.map((command) => ['bin/cvt-whatsapp.js', ...command.args])];
    const times = subjects.map((): number[] => []);
    // Round 0 creates the database and warms the file cache; rounds alternate so that noise hits all alike.
    for (let round = 0; round <= RUNS; round++) {
      for (const [index, args] of subjects.entries()) {
        const ms = await timedRun(args, env);
        if (round > 0) times[index]!.push(ms);
      }
    }
    const empty = median(times[0]!);
    const measured = COMMANDS.map((command, index) => ({ ...command, ms: median(times[index + 1]!) }));
    return {
      id: 'cli',
      title: 'CLI start-up',
      checks: measured.map((command) =>
        check(
          command.name,
          { value: round(empty, 1), unit: 'ms', what: 'empty Node start' },
          { value: round(command.ms, 1), unit: 'ms', what: `cvt-whatsapp ${command.name}` },
          { of: 'ratio', comparison: '<=', value: command.target },
        ),
      ),
      details: {
        runs: RUNS,
        emptyStartMs: round(empty, 1),
        commands: measured.map((command) => ({ name: command.name, ms: round(command.ms, 1) })),
      },
      notes: [
        `Median of ${RUNS} runs each, alternating, after a warm-up round: a fresh Node ${process.version} process per run, timed from spawn to exit, running bin/cvt-whatsapp.js directly (as ./node_modules/.bin/cvt-whatsapp or after npm link), against an empty embedded database.`,
      ],
    };
  } finally {
    dataDir.remove();
  }
}

async function timedRun(args: readonly string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const run = spawnNode(args, env);
  const code = await run.exited;
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}:\n${run.output.slice(-20).join('\n')}`);
  return ms;
}
