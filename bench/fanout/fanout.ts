import { forkForResult } from '../lib/fork-child.ts';
import { check, type BenchReport } from '../lib/report.ts';
import { median, round } from '../lib/stats.ts';
import { tempDir } from '../lib/temp-dir.ts';
import type { FanoutFigures } from './fanout-child.ts';
import { floorFanOut, type FloorRun } from './floor.ts';
import { startSlowWaapi, type SlowWaapi } from './slow-waapi.ts';

const PROVIDER_MS = 50;
/** C, DISPATCH_CONCURRENCY (the setting allows up to 64). */
const CONCURRENCY = 50;
/** Smaller C, for information: where the dispatcher's own CPU stops mattering. */
const LOWER_CONCURRENCIES = [10, 25];
const CONTACTS = 1_000;
const RUNS = 3;
const GROWTH = 10;
const MB = 1024 * 1024;

interface Run extends FanoutFigures {
  readonly providerPeakInFlight: number;
  /** For information: how busy the service kept its C slots (C when no send waits for the dispatcher). */
  readonly providerMeanInFlight: number;
}

/** Benchmark 2: one alert to 1,000 contacts through the waapi adapter against a provider answering in 50 ms. */
export async function fanoutBench(): Promise<BenchReport> {
  const waapi = await startSlowWaapi(PROVIDER_MS);
  try {
    const small: Run[] = [];
    for (let index = 0; index < RUNS; index++) small.push(await fanOut(waapi, CONTACTS, CONCURRENCY));
    const large = await fanOut(waapi, CONTACTS * GROWTH, CONCURRENCY);
    const lower: Run[] = [];
    for (const concurrency of LOWER_CONCURRENCIES) lower.push(await fanOut(waapi, CONTACTS, concurrency));
    // For information, after every run above so that none of them changes: the floor (floor-child.ts), both cycles alternating.
    const floor: FloorRun[] = [];
    const floorOneCommit: FloorRun[] = [];
    for (let index = 0; index < RUNS; index++) {
      floor.push(await floorFanOut(waapi, CONTACTS, CONCURRENCY, 'two-commits'));
      floorOneCommit.push(await floorFanOut(waapi, CONTACTS, CONCURRENCY, 'one-commit'));
    }

    const ideal = (contacts: number, concurrency: number) => (contacts * PROVIDER_MS) / concurrency;
    const cpuPerMessage = (figures: Pick<FanoutFigures, 'cpuMicros' | 'contacts'>) => figures.cpuMicros / figures.contacts;
    const middle = (pick: (run: Run) => number) => median(small.map(pick));
    const floorWall = (runs: readonly FloorRun[]) => round(median(runs.map((run) => run.wallMs)), 0);
    const floorCpuPerMessage = (runs: readonly FloorRun[]) => round(median(runs.map(cpuPerMessage)), 0);
    const wallCheck = (run: Pick<Run, 'contacts' | 'concurrency' | 'wallMs'>, target: boolean) =>
      check(
        `wall time, ${run.contacts.toLocaleString('en')} contacts, C=${run.concurrency}`,
        { value: ideal(run.contacts, run.concurrency), unit: 'ms', what: `${run.contacts} × ${PROVIDER_MS} ms / ${run.concurrency}` },
        { value: round(run.wallMs, 0), unit: 'ms', what: 'alert accepted → last delivery recorded sent' },
        target ? { of: 'ratio', comparison: '<=', value: 1.1 } : null,
      );
    return {
      id: 'fanout',
      title: '2. Fan-out of one alert (waapi)',
      checks: [
        wallCheck({ contacts: CONTACTS, concurrency: CONCURRENCY, wallMs: middle((run) => run.wallMs) }, true),
        wallCheck(large, false),
        ...lower.map((run) => wallCheck(run, false)),
        check(
          'floor: claim, call, confirm (1,000 contacts, C=50)',
          { value: ideal(CONTACTS, CONCURRENCY), unit: 'ms', what: `${CONTACTS} × ${PROVIDER_MS} ms / ${CONCURRENCY}` },
          { value: floorWall(floor), unit: 'ms', what: 'floor: alert → last confirm committed' },
          null,
        ),
        check(
          'floor, next claim in the confirm’s commit',
          { value: ideal(CONTACTS, CONCURRENCY), unit: 'ms', what: `${CONTACTS} × ${PROVIDER_MS} ms / ${CONCURRENCY}` },
          { value: floorWall(floorOneCommit), unit: 'ms', what: 'floor, one commit per cycle' },
          null,
        ),
        check(
          'CPU per message, floor → service',
          { value: floorCpuPerMessage(floor), unit: 'µs', what: 'floor, 1,000 contacts' },
          { value: round(middle(cpuPerMessage), 0), unit: 'µs', what: 'service, 1,000 contacts' },
          null,
        ),
        check(
          'CPU per message, floor: one commit per cycle',
          { value: floorCpuPerMessage(floor), unit: 'µs', what: 'claim and confirm apart' },
          { value: floorCpuPerMessage(floorOneCommit), unit: 'µs', what: 'next claim in the confirm’s commit' },
          null,
        ),
        check(
          'CPU per message',
          { value: round(middle(cpuPerMessage), 0), unit: 'µs', what: '1,000 contacts' },
          { value: round(cpuPerMessage(large), 0), unit: 'µs', what: '10,000 contacts' },
          null,
        ),
        check(
          'peak RSS, ×10 contacts',
          { value: round(middle((run) => run.maxRssBytes) / MB, 1), unit: 'MB', what: '1,000 contacts' },
          { value: round(large.maxRssBytes / MB, 1), unit: 'MB', what: '10,000 contacts' },
          { of: 'ratio', comparison: '<=', value: 1.25 },
        ),
        check(
          'peak heap used, ×10 contacts',
          { value: round(middle((run) => run.peakHeapBytes) / MB, 1), unit: 'MB', what: '1,000 contacts' },
          { value: round(large.peakHeapBytes / MB, 1), unit: 'MB', what: '10,000 contacts' },
          null,
        ),
        check(
          'heap kept after the fan-out, ×10 contacts',
          { value: round(middle((run) => run.heapAfterBytes - run.heapBeforeBytes) / MB, 1), unit: 'MB', what: '1,000 contacts' },
          { value: round((large.heapAfterBytes - large.heapBeforeBytes) / MB, 1), unit: 'MB', what: '10,000 contacts' },
          null,
        ),
      ],
      details: {
        providerMs: PROVIDER_MS,
        concurrency: CONCURRENCY,
        runs: { small, large, lowerConcurrency: lower, floor, floorOneCommit },
      },
      notes: [
        `The service's own code composed as the server composes it (createContainer, from src): one Meltwater alert (AcceptMeltwaterAlert) for a client with N WhatsApp contacts records N deliveries in SQLite; the server's LedgerDispatcher sends them through ProviderRouter → ResilientMessaging → PacedMessaging → the waapi adapter (Node's fetch) to a loopback Waapi that answers each call after ${PROVIDER_MS} ms.`,
        `WAAPI_MIN_INTERVAL_MS=0, WAAPI_JITTER_MS=0, DISPATCH_CONCURRENCY=C=${CONCURRENCY}; every contact is a different person, so WHATSAPP_RECIPIENT_SPACING_MS never delays a send. PacedMessaging spaces calls but does not cap how many are in flight: the provider saw up to ${Math.max(...small.map((run) => run.providerPeakInFlight))} at once.`,
        "Run from src by Node's type stripping rather than from a bundle; the one difference that matters here is that the renderer module imports cheerio, whose own copy of undici then becomes fetch's dispatcher (the server's bundle leaves it out): a call costs about the same either way.",
        `Each run in a fresh process: median of ${RUNS} at 1,000 contacts, one at 10,000, one at each lower C. CPU is the service process's user + system time from the alert to the last delivery recorded sent (the fake runs in the bench process).`,
        `Floor rows, for information (bench/fanout/floor-child.ts): the least work any dispatcher with the same guarantees must do, on the service's SQLite (openDatabase: migrations and pragmas; group commit; the checkpoint thread): the alert's ${CONTACTS} rows recorded in the intake's chunks, and C lanes that each claim one due row with a lease (committed), call the same Waapi stand-in with node:http and a keep-alive agent, confirm (committed), and only then claim again; nothing else. Its clock runs from the alert to the last confirm. "One commit per cycle" runs the next claim in the confirm's transaction. ${RUNS} runs of each, alternating, after the service's runs; medians.`,
        'Memory: peak RSS is the kernel high-water mark of the process (setup included); "flat" is read as peak RSS at 10× the contacts within 1.25× of that at 1×. Heap kept = heap used after a full GC once all is sent, minus the same before the alert.',
      ],
    };
  } finally {
    await waapi.close();
  }
}

async function fanOut(waapi: SlowWaapi, contacts: number, concurrency: number): Promise<Run> {
  const dataDir = tempDir('fanout');
  waapi.reset();
  try {
    const figures = await forkForResult<FanoutFigures>(
      'bench/fanout/fanout-child.ts',
      [String(contacts), String(concurrency), waapi.baseUrl, waapi.instanceId, waapi.token, dataDir.path],
      ['--expose-gc'],
    );
    if (waapi.sends !== contacts) throw new Error(`the provider took ${waapi.sends} messages for ${contacts} contacts`);
    return { ...figures, providerPeakInFlight: waapi.peakInFlight, providerMeanInFlight: waapi.meanInFlight };
  } finally {
    dataDir.remove();
  }
}
