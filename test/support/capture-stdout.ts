import { afterEach } from 'vitest';
import { captureConfiguredSecrets, captureLogLine } from './log-capture.ts';

// Handlers run in this process read its own environment: what a test set there is scanned for too
// (after each test, since files restore their environment when they end).
afterEach(() => captureConfiguredSecrets(process.env));

/**
 * The Lambda bundles and the adapters log JSON lines to standard output from inside the test process;
 * those lines are filed for the end-of-run scan too. Everything is still written as before.
 */
for (const [name, stream] of [
  ['stdout', process.stdout],
  ['stderr', process.stderr],
] as const) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    for (const line of text.split('\n')) if (line.startsWith('{"time"')) captureLogLine(`in-process ${name}`, line);
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
