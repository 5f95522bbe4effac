import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tempDir } from '../lib/temp-dir.ts';
import { startSlowWaapi } from './slow-waapi.ts';

// Not part of `npm run bench`: one fan-out child run under the profiler, for bench/notes/fanout.md.
// `node bench/fanout/profile.ts <contacts> <concurrency> <profile directory> [--cpu-prof|--heap-prof ...]`
// prints the child's figures and leaves the profiles in the directory; other flags (--trace-gc) go to the child as given.
const [contacts = '1000', concurrency = '50', directory = 'bench/fanout/.profiles', ...flags] = process.argv.slice(2);
mkdirSync(directory, { recursive: true });
const waapi = await startSlowWaapi(50);
const dataDir = tempDir('fanout-profile');
try {
  const child = fork('bench/fanout/fanout-child.ts', [contacts, concurrency, waapi.baseUrl, waapi.instanceId, waapi.token, dataDir.path], {
    execArgv: ['--expose-gc', ...flags.flatMap((flag) => (flag.endsWith('-prof') ? [flag, `${flag}-dir=${directory}`] : [flag]))],
    env: { PATH: process.env['PATH'] ?? '' },
  });
  const figures = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`child ended (${code}) without figures`)));
  });
  await new Promise((resolve) => child.once('exit', resolve));
  process.stdout.write(
    `${JSON.stringify({ ...(figures as object), providerSends: waapi.sends, providerPeakInFlight: waapi.peakInFlight, providerMeanInFlight: waapi.meanInFlight })}\n`,
  );
} finally {
  dataDir.remove();
  await waapi.close();
}
