import { execFileSync } from 'node:child_process';

/** The end-to-end tests drive the deployables as they ship: the server, the worker and the Lambda bundles. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.ts'], { stdio: 'inherit' });
}
