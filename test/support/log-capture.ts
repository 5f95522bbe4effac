import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { configuredSecrets } from './log-scan.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where every test process files the log lines it saw, for the scan at the end of the run. */
    logCaptureDir?: string;
  }
}

let file: string | undefined | null = null;
let secretsFile: string | undefined | null = null;
const filedSecrets = new Set<string>();

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

/**
 * Files the provider secrets an environment given to the service holds (a spawned process's, or the test
 * process's own for handlers run in it), so that the end of the run can look for their values in every line.
 */
export function captureConfiguredSecrets(env: Readonly<Record<string, string | undefined>>): void {
  if (secretsFile === null) {
    const dir = providedCaptureDir();
    secretsFile = dir === undefined ? undefined : join(dir, `${process.pid}.secrets`);
  }
  const secrets = configuredSecrets(env).filter(({ value }) => !filedSecrets.has(value));
  for (const { value } of secrets) filedSecrets.add(value);
  if (secretsFile !== undefined && secrets.length > 0)
    appendFileSync(secretsFile, secrets.map((secret) => `${JSON.stringify(secret)}\n`).join(''));
}

/** Outside a vitest run (`npm run docs:screenshots` starts servers too) nothing is captured. */
function providedCaptureDir(): string | undefined {
  try {
    return inject('logCaptureDir');
  } catch {
    return undefined;
  }
}
