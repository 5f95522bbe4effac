import type { DeliveryRequest } from '../../domain/deliveries/delivery.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { DeliveryLedger } from '../ports/delivery-ledger.port.ts';
import type { DispatchQueue } from '../ports/dispatch-queue.port.ts';

export interface IntakeOutcome {
  /** New deliveries, now waiting for the dispatcher. */
  readonly queued: number;
  /** Requests for deliveries that already existed: nothing more will be sent for them. */
  readonly duplicates: number;
}

export interface DeliveryIntakeDeps {
  readonly ledger: DeliveryLedger;
  readonly dispatchQueue: DispatchQueue;
  readonly clock: Clock;
}

/**
 * Where every job hands over its messages: the ledger records each delivery once, and the
 * dispatcher is told about all that still wait — also those recorded by an earlier attempt at the
 * same input that stopped before telling it.
 */
export class DeliveryIntake {
  readonly #deps: DeliveryIntakeDeps;

  constructor(deps: DeliveryIntakeDeps) {
    this.#deps = deps;
  }

  async submit(requests: readonly DeliveryRequest[]): Promise<IntakeOutcome> {
    if (requests.length === 0) return { queued: 0, duplicates: 0 };
    const { created, existing } = await this.#deps.ledger.record(requests, this.#deps.clock.now());
    const waiting = [...created, ...existing.filter((delivery) => delivery.status === 'queued')];
    await this.#deps.dispatchQueue.publish([...new Set(waiting.map((delivery) => delivery.id))]);
    return { queued: created.length, duplicates: existing.length };
  }
}
