import { fork } from 'node:child_process';

/**
 * Runs a TypeScript module in a fresh Node 24 process and resolves with the one message it sends back
 * over IPC; its own log lines are kept for the error of a failed run.
 */
export function forkForResult<T>(
  module: string,
  args: readonly string[],
  execArgv: readonly string[] = [],
  timeoutMs = 120_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(module, args, {
      execPath: process.execPath,
      execArgv: [...execArgv],
      env: { PATH: process.env['PATH'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const output: string[] = [];
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    let result: { value: T } | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('message', (message) => (result = { value: message as T }));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined) resolve(result.value);
      else reject(new Error(`${module} ended (${signal ?? code}) without a result:\n${output.join('').slice(-4_000)}`));
    });
  });
}
