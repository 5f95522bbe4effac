import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { captureConfiguredSecrets, captureLogLine } from './log-capture.ts';

const BIN = resolve(import.meta.dirname, '../../bin/cvt-whatsapp.js');
const RUN_TIMEOUT_MS = 20_000;

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  /** Written to the command's standard input. */
  readonly input?: string;
  /** Extra environment for this run only. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface CliSandbox {
  /** The working directory of every run (no .env in it), also a place for input files. */
  readonly dir: string;
  readonly dataDir: string;
  run(args: readonly string[], options?: CliRunOptions): Promise<CliResult>;
  /** Everything every run printed, to check that nothing leaked (phone numbers, stack traces). */
  readonly transcript: string[];
  cleanup(): Promise<void>;
}

/**
 * Runs `bin/cvt-whatsapp.js` as a user would, in a child process on this Node (24, with type
 * stripping), with a fresh DATA_DIR and an environment holding only what the test gives it. Runs are
 * asynchronous so that a test can serve HTTP (a fake Meltwater) to the command it runs.
 */
export async function createCliSandbox(env: Readonly<Record<string, string>> = {}): Promise<CliSandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'cvt-whatsapp-cli-'));
  const dataDir = join(dir, 'data');
  const transcript: string[] = [];
  const baseEnv = { PATH: process.env['PATH'] ?? '', HOME: dir, DATA_DIR: dataDir, ...env };

  const run = (args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> =>
    new Promise((resolveRun, reject) => {
      captureConfiguredSecrets({ ...baseEnv, ...options.env });
      const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...baseEnv, ...options.env }, stdio: 'pipe' });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        transcript.push(stdout, stderr);
        // Standard output is the command's answer (an export holds numbers by design); its log lines are JSON.
        for (const line of stdout.split('\n')) if (line.startsWith('{"time"')) captureLogLine('cli', line);
        for (const line of stderr.split('\n')) if (line !== '') captureLogLine('cli stderr', line);
        resolveRun({ code, stdout, stderr });
      });
      child.stdin.end(options.input ?? '');
    });

  return { dir, dataDir, run, transcript, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
