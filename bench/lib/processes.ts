import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Spawned {
  readonly child: ChildProcess;
  /** Every line written, standard output and error, for the error message of a failed run. */
  readonly output: string[];
  readonly exited: Promise<number | null>;
  /** Calls `listener` with each line already written and each line to come. */
  onLine(listener: (line: string) => void): void;
  /** SIGTERM, and wait for the process to end. */
  stop(): Promise<number | null>;
}

/**
 * Starts `node <args>` with Node 24 (this process's own binary, never the `node` on PATH) and only the
 * environment given, so that nothing from the shell changes what is measured.
 */
export function spawnNode(args: readonly string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const listeners = new Set<(line: string) => void>();
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      for (const listener of listeners) listener(line);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output,
    exited,
    onLine(listener) {
      output.forEach(listener);
      listeners.add(listener);
    },
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Waits for the first output line matching `pattern` and returns its first group (or the whole match). */
export function waitForLine(spawned: Spawned, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => fail(`no line matching ${pattern} within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string): void => {
      if (done) return;
      done = true;
      reject(new Error(`${why}:\n${spawned.output.slice(-40).join('\n')}`));
    };
    spawned.onLine((line) => {
      const match = done ? null : pattern.exec(line);
      if (match === null) return;
      done = true;
      clearTimeout(timer);
      resolve(match[1] ?? match[0]);
    });
    void spawned.exited.then((code) => {
      clearTimeout(timer);
      fail(`process exited with ${code} before printing ${pattern}`);
    });
  });
}
