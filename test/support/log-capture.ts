import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where every test process files the log lines it saw, for the scan at the end of the run. */
    logCaptureDir?: string;
  }
}

let file: string | undefined | null = null;

/**
 * Files one log line written by the service (a spawned server, worker or CLI, or a handler running in
 * the test process), so that the end of the run can check that no line of any of them holds a phone
 * number or a secret.
 */
export function captureLogLine(source: string, line: string): void {
  if (file === null) {
    const dir = providedCaptureDir();
    file = dir === undefined ? undefined : join(dir, `${process.pid}.jsonl`);
  }
  if (file !== undefined) appendFileSync(file, `${JSON.stringify({ source, line })}\n`);
}

/** Outside a vitest run (`npm run docs:screenshots` starts servers too) nothing is captured. */
function providedCaptureDir(): string | undefined {
  try {
    return inject('logCaptureDir');
  } catch {
    return undefined;
  }
}
