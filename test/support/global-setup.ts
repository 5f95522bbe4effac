import { execFileSync } from 'node:child_process';

/** The end-to-end tests drive the built server, as it ships: build it once per test run. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.ts', '--target', 'server'], { stdio: 'inherit' });
}
