import { execFileSync } from 'node:child_process';

/**
 * The integration tests drive the deployables as they ship: the server, the worker and the Lambda
 * bundles, built once here. Unit and contract tests import the sources and never wait for this.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.ts'], { stdio: 'inherit' });
}
