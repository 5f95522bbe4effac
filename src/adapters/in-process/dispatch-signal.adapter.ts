import type { DispatchQueue } from '../../application/ports/dispatch-queue.port.ts';

/**
 * The dispatch queue of the embedded default: the ledger already holds every waiting delivery, so
 * publishing only wakes the dispatcher up instead of letting it wait for its next poll.
 */
export class InProcessDispatchSignal implements DispatchQueue {
  readonly #waiters = new Set<() => void>();
  #publishes = 0;

  async publish(deliveryIds: readonly string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    this.#publishes++;
    for (const wake of this.#waiters) wake();
  }

  /**
   * Changes with every publish: a dispatcher that notes it before looking at the ledger knows, before
   * it waits, whether work arrived while it looked (a publish with nobody waiting wakes nobody).
   */
  get mark(): number {
    return this.#publishes;
  }

  /**
   * Resolves on the next publish, after `timeoutMs`, or when `signal` aborts. The timer keeps the
   * process alive, so a shutdown waiting on the dispatcher is not cut short.
   */
  next(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.#waiters.add(done);
      if (signal?.aborted) done();
      else signal?.addEventListener('abort', done, { once: true });
    });
  }
}
