import { forkForResult } from '../lib/fork-child.ts';
import { tempDir } from '../lib/temp-dir.ts';
import type { FloorCycle, FloorFigures } from './floor-child.ts';
import { startSlowWaapi, type SlowWaapi } from './slow-waapi.ts';

export interface FloorRun extends FloorFigures {
  /** Send calls the provider held on average from the first call to the last answer (C when no slot waits). */
  readonly providerMeanInFlight: number;
}

/** One floor fan-out (floor-child.ts) in a fresh process, against the bench's Waapi stand-in. */
export async function floorFanOut(waapi: SlowWaapi, contacts: number, concurrency: number, cycle: FloorCycle): Promise<FloorRun> {
  const dataDir = tempDir('fanout-floor');
  waapi.reset();
  try {
    const figures = await forkForResult<FloorFigures>(
      'bench/fanout/floor-child.ts',
      [String(contacts), String(concurrency), waapi.baseUrl, waapi.instanceId, waapi.token, dataDir.path, cycle],
      // As the service's child, which is started with it to read its memory figures.
      ['--expose-gc'],
    );
    if (waapi.sends !== contacts) throw new Error(`the provider took ${waapi.sends} messages for ${contacts} contacts`);
    return { ...figures, providerMeanInFlight: waapi.meanInFlight };
  } finally {
    dataDir.remove();
  }
}

// The floor alone, outside `npm run bench`: `node bench/fanout/floor.ts [runs] [contacts] [C]` alternates the
// three cycles and prints one line per run.
if (import.meta.main) {
  const [runs = '3', contacts = '1000', concurrency = '50'] = process.argv.slice(2);
  const providerMs = 50;
  const waapi = await startSlowWaapi(providerMs);
  const ideal = (Number(contacts) * providerMs) / Number(concurrency);
  try {
    for (let index = 0; index < Number(runs); index++) {
      for (const cycle of ['two-commits', 'one-commit', 'calls-only'] as const) {
        const run = await floorFanOut(waapi, Number(contacts), Number(concurrency), cycle);
        process.stdout.write(
          `${cycle.padEnd(12)} wall ${run.wallMs.toFixed(0)} ms (ratio ${(run.wallMs / ideal).toFixed(3)}), intake ${run.intakeMs.toFixed(1)} ms, ` +
            `CPU/msg ${(run.cpuMicros / run.contacts).toFixed(0)} µs, mean in flight ${run.providerMeanInFlight.toFixed(1)}\n`,
        );
      }
    }
  } finally {
    await waapi.close();
  }
}
