import type { InProcessDispatchSignal } from '../../adapters/in-process/dispatch-signal.adapter.ts';
import type { Clock } from '../../application/ports/clock.port.ts';
import type { DeliveryLedger, DueDelivery } from '../../application/ports/delivery-ledger.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { DispatchDelivery } from '../../application/use-cases/dispatch-delivery.use-case.ts';

export interface LedgerDispatcherOptions {
  readonly ledger: DeliveryLedger;
  readonly dispatch: Pick<DispatchDelivery, 'execute' | 'executeBatch' | 'batches'>;
  readonly signal: InProcessDispatchSignal;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly concurrency: number;
  /** Longest wait between two looks at the ledger when nothing is published (retries coming due). */
  readonly pollMs: number;
}

/** The deliveries of one event to many WhatsApp recipients go to a batching provider in one call. */
const BATCH_LIMIT = 500;

/**
 * The embedded default's dispatcher: sends whatever the ledger says is due, a few at a time, and waits
 * for new work or for retries to come due. Everything it needs is in the ledger, so a restart picks up
 * where the last process stopped.
 */
export class LedgerDispatcher {
  readonly #options: LedgerDispatcherOptions;
  readonly #stopping = new AbortController();
  #running: Promise<void> | undefined;

  constructor(options: LedgerDispatcherOptions) {
    this.#options = options;
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  /** Stops taking deliveries and waits for the sends in flight. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#running;
  }

  /**
   * Sends everything due now and returns how many deliveries it handled; used by the CLI to finish
   * what it queued. Stops when nothing new is due, so a delivery another process holds cannot keep it looping.
   */
  async drain(): Promise<number> {
    const handled = new Set<string>();
    for (;;) {
      const fresh = await this.#pump(handled);
      if (fresh.length === 0) return handled.size;
      for (const id of fresh) handled.add(id);
    }
  }

  async #loop(): Promise<void> {
    const { signal, pollMs, logger, clock } = this.#options;
    while (!this.#stopping.signal.aborted) {
      try {
        if ((await this.#pump(new Set())).length === 0) await signal.next(pollMs, this.#stopping.signal);
      } catch (error) {
        logger.error('dispatcher round failed', { error });
        await clock.sleep(pollMs, this.#stopping.signal);
      }
    }
  }

  /**
   * Keeps `concurrency` sends in flight until nothing new is due, topping its work up from the ledger
   * while the last sends are still out: waiting for a whole round to finish before asking for more would
   * leave the provider idle for its slowest answer every round. Returns the ids it took; a delivery
   * taken once (or in `skip`) is not taken again in the same pump, so a retry due at once waits for the
   * next one instead of spinning here.
   */
  async #pump(skip: ReadonlySet<string>): Promise<string[]> {
    const { ledger, dispatch, clock, logger, concurrency } = this.#options;
    const fetchSize = dispatch.batches ? BATCH_LIMIT : concurrency * 4;
    const taken = new Set<string>();
    const work: string[][] = [];
    // Taken and not finished yet: they are still due in the ledger until claimed, so each look asks for that many more.
    let outstanding = 0;
    let exhausted = false;
    let refilling: Promise<void> | undefined;
    const refill = async (): Promise<void> => {
      const due = await ledger.due(clock.now(), fetchSize + outstanding + skip.size);
      const fresh = due.filter((delivery) => !taken.has(delivery.id) && !skip.has(delivery.id));
      for (const delivery of fresh) taken.add(delivery.id);
      outstanding += fresh.length;
      if (fresh.length === 0) exhausted = true;
      else work.push(...workItems(fresh, dispatch.batches));
    };
    const topUp = (): Promise<void> =>
      (refilling ??= refill().finally(() => {
        refilling = undefined;
      }));

    const worker = async (): Promise<void> => {
      while (!this.#stopping.signal.aborted) {
        if (work.length <= concurrency && !exhausted) {
          const fetching = topUp();
          if (work.length === 0) await fetching;
        }
        // The ledger and the outbox answer without real I/O: without a turn of the event loop per send, a
        // pump of thousands of deliveries is one unbroken chain of microtasks, and /healthz waits for all of it.
        await yieldToEventLoop();
        const ids = work.shift();
        if (ids === undefined) {
          if (exhausted) return;
          continue;
        }
        const sending = ids.length === 1 ? dispatch.execute(ids[0]!) : dispatch.executeBatch(ids);
        await sending.catch((error: unknown) => logger.error('dispatch failed', { deliveryIds: ids, error }));
        outstanding -= ids.length;
      }
    };
    await topUp();
    if (work.length > 0) await Promise.all(Array.from({ length: concurrency }, worker));
    await refilling;
    return [...taken];
  }
}

/** Each due delivery alone, or, with a batching provider, the WhatsApp deliveries of one event together. */
function workItems(due: readonly DueDelivery[], batches: boolean): string[][] {
  if (!batches) return due.map((delivery) => [delivery.id]);
  const groups = new Map<string, string[]>();
  for (const delivery of due) {
    const key = delivery.channel === 'whatsapp' ? `${delivery.job}\n${delivery.eventKey}` : `single\n${delivery.id}`;
    const group = groups.get(key) ?? [];
    group.push(delivery.id);
    groups.set(key, group);
  }
  return [...groups.values()].flatMap((ids) =>
    Array.from({ length: Math.ceil(ids.length / BATCH_LIMIT) }, (_, index) => ids.slice(index * BATCH_LIMIT, (index + 1) * BATCH_LIMIT)),
  );
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
