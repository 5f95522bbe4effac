import type { Clock } from '../ports/clock.port.ts';
import type { DeliveryLedger } from '../ports/delivery-ledger.port.ts';
import type { DispatchQueue } from '../ports/dispatch-queue.port.ts';

export interface SweepDueDeliveriesDeps {
  readonly ledger: DeliveryLedger;
  readonly dispatchQueue: DispatchQueue;
  readonly clock: Clock;
  /** Deliveries due for longer than this are taken for stranded: their queue message is gone. */
  readonly graceMs: number;
  readonly batch: number;
}

/**
 * Where the dispatch queue is SQS, a delivery can outlive its queue message (the message went to the
 * dead-letter queue, or publishing failed after the delivery was recorded). The ledger is the truth:
 * whatever has been due for a while is published again. Publishing twice is harmless.
 */
export class SweepDueDeliveries {
  readonly #deps: SweepDueDeliveriesDeps;

  constructor(deps: SweepDueDeliveriesDeps) {
    this.#deps = deps;
  }

  async execute(): Promise<number> {
    const { ledger, dispatchQueue, clock, graceMs, batch } = this.#deps;
    const stranded = await ledger.due(new Date(clock.now().getTime() - graceMs), batch);
    await dispatchQueue.publish(stranded.map((delivery) => delivery.id));
    return stranded.length;
  }
}
