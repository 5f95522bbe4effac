import { InProcessDispatchSignal } from '../../adapters/in-process/dispatch-signal.adapter.ts';
import type { DeliveryLedger } from '../../application/ports/delivery-ledger.port.ts';
import { FINAL_STATUSES } from '../../domain/deliveries/delivery.ts';
import type { AppContainer } from '../composition/container.ts';
import { LedgerDispatcher } from '../background/ledger-dispatcher.ts';

/** More than any run queues; bounds the ids remembered to report on. */
const MAX_TRACKED = 100_000;
/** drain() never waits for a signal; the dispatcher only needs a value. */
const UNUSED_POLL_MS = 1_000;
/** How often the ledger is read back for the progress line while the sends go out at the provider's pace. */
const PROGRESS_EVERY_MS = 1_000;

export interface DrainOutcome {
  /** Deliveries that were due when the drain began. */
  readonly total: number;
  readonly sent: number;
  readonly failed: number;
  /** Not sent: the recipient asked to receive nothing (BAJA). */
  readonly suppressed: number;
  /** Not sent yet: being sent, or rescheduled after a retryable failure (the running server sends those). */
  readonly waiting: number;
}

/**
 * Sends every delivery due now, as the server's dispatcher would, then reads back what became of
 * each: the dispatcher only says how many it handled, the ledger says how each one ended. While the
 * sends go out, `onProgress` hears the counts whenever they change (and always at the start and end).
 */
export async function drainDueDeliveries(
  container: AppContainer,
  onProgress: (progress: DrainOutcome) => void = () => {},
): Promise<DrainOutcome> {
  const ledger = container.get('deliveryLedger');
  const clock = container.get('clock');
  const ids = (await ledger.due(clock.now(), MAX_TRACKED)).map((due) => due.id);
  const tally = new Tally(ledger, ids);
  if (ids.length === 0) return tally.read();
  const dispatcher = new LedgerDispatcher({
    ledger,
    dispatch: container.get('dispatchDelivery'),
    // Null where deliveries are published to SQS: nothing here publishes, and drain() only needs a mark to read.
    signal: container.get('dispatchSignal') ?? new InProcessDispatchSignal(),
    clock,
    logger: container.get('logger').child({ component: 'cli-dispatcher' }),
    concurrency: container.get('config').DISPATCH_CONCURRENCY,
    pollMs: UNUSED_POLL_MS,
  });

  let last = '';
  const report = (progress: DrainOutcome): void => {
    const key = `${progress.sent}/${progress.failed}/${progress.suppressed}/${progress.waiting}`;
    if (key === last) return;
    last = key;
    onProgress(progress);
  };
  report(await tally.read());
  const finished = new AbortController();
  const draining = dispatcher.drain().finally(() => finished.abort());
  while (!finished.signal.aborted) {
    await clock.sleep(PROGRESS_EVERY_MS, finished.signal);
    if (!finished.signal.aborted) report(await tally.read());
  }
  await draining;
  const outcome = await tally.read();
  report(outcome);
  return outcome;
}

/** Counts the tracked deliveries by outcome; a delivery that reached a final status is not read again. */
class Tally {
  readonly #ledger: DeliveryLedger;
  readonly #pending: Set<string>;
  readonly #total: number;
  #sent = 0;
  #failed = 0;
  #suppressed = 0;

  constructor(ledger: DeliveryLedger, ids: readonly string[]) {
    this.#ledger = ledger;
    this.#pending = new Set(ids);
    this.#total = ids.length;
  }

  async read(): Promise<DrainOutcome> {
    for (const id of [...this.#pending]) {
      const status = (await this.#ledger.get(id))?.status;
      if (status !== undefined && !FINAL_STATUSES.includes(status)) continue;
      this.#pending.delete(id);
      // Forgotten meanwhile (purged): neither sent nor failed as far as this run can tell.
      if (status === undefined) continue;
      // An expired delivery was not sent: it counts with the failures here (the ledger keeps the difference).
      if (status === 'failed' || status === 'expired') this.#failed++;
      else if (status === 'suppressed') this.#suppressed++;
      else this.#sent++;
    }
    return { total: this.#total, sent: this.#sent, failed: this.#failed, suppressed: this.#suppressed, waiting: this.#pending.size };
  }
}
