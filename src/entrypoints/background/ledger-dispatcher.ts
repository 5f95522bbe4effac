import { DispatchLanes, type DispatchLanesOptions } from './dispatch-lanes.ts';

export type LedgerDispatcherOptions = DispatchLanesOptions;

/**
 * The embedded default's dispatcher: sends whatever the ledger says is due, `concurrency` at a time,
 * and waits for new work or for retries to come due. Everything it needs is in the ledger, so a restart
 * picks up where the last process stopped.
 */
export class LedgerDispatcher {
  readonly #options: LedgerDispatcherOptions;
  readonly #stopping = new AbortController();
  #running: Promise<void> | undefined;

  constructor(options: LedgerDispatcherOptions) {
    this.#options = options;
  }

  start(): void {
    this.#running ??= new DispatchLanes(this.#options, 'serve', this.#stopping.signal).run().then(() => undefined);
  }

  /** Stops taking deliveries and waits for the sends in flight. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#running;
  }

  /**
   * Sends everything due now and returns how many deliveries it handled; used by the CLI to finish
   * what it queued. Takes each delivery once and stops when nothing it has not taken is due, so a
   * delivery another process holds, or one due again at once, cannot keep it looping.
   */
  drain(): Promise<number> {
    return new DispatchLanes(this.#options, 'drain', this.#stopping.signal).run();
  }
}
