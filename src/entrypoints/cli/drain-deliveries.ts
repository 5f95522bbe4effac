import { FINAL_STATUSES } from '../../domain/deliveries/delivery.ts';
import type { AppContainer } from '../composition/container.ts';
import { LedgerDispatcher } from '../workers/ledger-dispatcher.ts';

/** More than any run queues; bounds the ids remembered to report on. */
const MAX_TRACKED = 100_000;
/** drain() never waits for a signal; the dispatcher only needs a value. */
const UNUSED_POLL_MS = 1_000;

export interface DrainOutcome {
  readonly sent: number;
  readonly failed: number;
  /** Rescheduled after a retryable failure: the running server sends them when they come due. */
  readonly waiting: number;
}

/**
 * Sends every delivery due now, as the server's dispatcher would, then reads back what became of
 * each: the dispatcher only says how many it handled, the ledger says how each one ended.
 */
export async function drainDueDeliveries(container: AppContainer): Promise<DrainOutcome> {
  const ledger = container.get('deliveryLedger');
  const clock = container.get('clock');
  const due = await ledger.due(clock.now(), MAX_TRACKED);
  const dispatcher = new LedgerDispatcher({
    ledger,
    dispatch: container.get('dispatchDelivery'),
    signal: container.get('dispatchSignal'),
    clock,
    logger: container.get('logger').child({ component: 'cli-dispatcher' }),
    concurrency: container.get('config').DISPATCH_CONCURRENCY,
    pollMs: UNUSED_POLL_MS,
  });
  await dispatcher.drain();

  let sent = 0;
  let failed = 0;
  let waiting = 0;
  for (const { id } of due) {
    const status = (await ledger.get(id))?.status;
    // An expired delivery was not sent: it counts with the failures here (the ledger keeps the difference).
    if (status === 'failed' || status === 'expired') failed++;
    else if (status !== undefined && FINAL_STATUSES.includes(status)) sent++;
    else if (status !== undefined) waiting++;
  }
  return { sent, failed, waiting };
}
