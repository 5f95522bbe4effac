import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { captureConfiguredSecrets, captureLogLine } from './log-capture.ts';

export interface RunningWorker {
  readonly output: string[];
  /** SIGTERM; resolves with the exit code once the worker has finished what it held. */
  stop(): Promise<number | null>;
  /** SIGKILL: the worker gets no chance to finish or give back what it holds. */
  kill(): Promise<void>;
}

/** Starts the built worker (dist/worker/main.mjs) with only the environment given. */
export async function startWorker(env: Record<string, string>): Promise<RunningWorker> {
  captureConfiguredSecrets(env);
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/worker/main.mjs'], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    // A process that never said it was ready is killed, so it cannot outlive the test that gave up on it.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker did not start:\n${output.join('\n')}`));
    }, 15_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        captureLogLine('worker', line);
        if (line.includes('"msg":"worker started"')) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${output.join('\n')}`));
    });
  });
  return {
    output,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
