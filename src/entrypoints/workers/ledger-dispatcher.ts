import type { InProcessDispatchSignal } from '../../adapters/in-process/dispatch-signal.adapter.ts';
import type { Clock } from '../../application/ports/clock.port.ts';
import type { DeliveryLedger } from '../../application/ports/delivery-ledger.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { DispatchDelivery } from '../../application/use-cases/dispatch-delivery.use-case.ts';

export interface LedgerDispatcherOptions {
  readonly ledger: DeliveryLedger;
  readonly dispatch: Pick<DispatchDelivery, 'execute'>;
  readonly signal: InProcessDispatchSignal;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly concurrency: number;
  /** Longest wait between two looks at the ledger when nothing is published (retries coming due). */
  readonly pollMs: number;
}

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
      const fresh = (await this.#round(handled)).filter((id) => !handled.has(id));
      if (fresh.length === 0) return handled.size;
      for (const id of fresh) handled.add(id);
    }
  }

  async #loop(): Promise<void> {
    const { signal, pollMs, logger, clock } = this.#options;
    while (!this.#stopping.signal.aborted) {
      try {
        if ((await this.#round()).length === 0) await signal.next(pollMs, this.#stopping.signal);
      } catch (error) {
        logger.error('dispatcher round failed', { error });
        await clock.sleep(pollMs, this.#stopping.signal);
      }
    }
  }

  /** Takes up to a batch of due deliveries (but those in `skip`) and sends them with the configured concurrency. */
  async #round(skip: ReadonlySet<string> = new Set()): Promise<string[]> {
    const { ledger, dispatch, clock, logger, concurrency } = this.#options;
    const due = (await ledger.due(clock.now(), concurrency * 4 + skip.size)).filter((id) => !skip.has(id));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < due.length && !this.#stopping.signal.aborted) {
        const id = due[next++]!;
        await dispatch.execute(id).catch((error: unknown) => logger.error('dispatch failed', { deliveryId: id, error }));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    return due;
  }
}
