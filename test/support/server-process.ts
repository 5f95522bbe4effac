import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { captureConfiguredSecrets, captureLogLine } from './log-capture.ts';

export interface RunningServer {
  readonly url: string;
  /** Every line the process wrote, standard output and error. */
  readonly output: string[];
  /** `fetch` with the admin token. */
  admin(path: string, init?: RequestInit): Promise<Response>;
  request(path: string, init?: RequestInit): Promise<Response>;
  /** SIGTERM, and wait for the process to end. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process gets no chance to finish anything. */
  kill(): Promise<void>;
}

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
export const WEBHOOK_TOKEN = 'webhook-token-for-tests-0123456789';

/**
 * Starts the built server (dist/server/main.mjs, as it ships) on a free port of 127.0.0.1, with only
 * the environment given: nothing leaks in from the test runner's own.
 */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
  options: { tokens?: boolean } = {},
): Promise<RunningServer> {
  const tokens = options.tokens === false ? {} : { ADMIN_TOKEN, MELTWATER_WEBHOOK_TOKEN: WEBHOOK_TOKEN };
  captureConfiguredSecrets(env);
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.mjs'], {
    env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', REPORT_SCHEDULE: 'off', ...tokens, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    // A process that never said it was ready is killed, so it cannot outlive the test that gave up on it.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output.join('\n')}`));
    }, 15_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        captureLogLine('server', line);
        const listening = /"msg":"listening".*"url":"([^"]+)"/u.exec(line);
        if (listening !== null) {
          clearTimeout(timer);
          resolve(listening[1]!);
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output.join('\n')}`));
    });
  });
  const request = (path: string, init?: RequestInit) => fetch(`${url}${path}`, init);
  return {
    url,
    output,
    request,
    admin: (path, init = {}) =>
      request(path, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.headers as Record<string, string>) } }),
    stop: () => terminate(child, 'SIGTERM', exited),
    kill: async () => {
      await terminate(child, 'SIGKILL', exited);
    },
  };
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  return exited;
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
