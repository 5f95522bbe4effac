import type { Spawned } from './processes.ts';

/** SIGTERM, then SIGKILL if the process has not ended after `graceMs`: a benchmark never waits on a slow shutdown. */
export async function stopWithin(spawned: Spawned, graceMs = 5_000): Promise<void> {
  const timer = setTimeout(() => spawned.child.kill('SIGKILL'), graceMs);
  await spawned.stop();
  clearTimeout(timer);
}
