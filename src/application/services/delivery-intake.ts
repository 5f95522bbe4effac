import type { Delivery, DeliveryRequest } from '../../domain/deliveries/delivery.ts';
import { SUPERSEDED_REASON, versionSeriesOf } from '../../domain/deliveries/freshness.ts';
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

const INTAKE_CHUNK = 500;

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
    let queued = 0;
    let duplicates = 0;
    // In chunks: an alert to thousands of contacts holds one chunk's records at a time, not all of them,
    // and the dispatcher starts on the first chunk while the next is recorded.
    for (let start = 0; start < requests.length; start += INTAKE_CHUNK) {
      const { created, existing } = await this.#deps.ledger.record(requests.slice(start, start + INTAKE_CHUNK), this.#deps.clock.now());
      await this.#expireSuperseded(created);
      const waiting = [...created, ...existing.filter((delivery) => delivery.status === 'queued')];
      await this.#deps.dispatchQueue.publish([...new Set(waiting.map((delivery) => delivery.id))]);
      queued += created.length;
      duplicates += existing.length;
    }
    return { queued, duplicates };
  }

  /** Issue 10 §2: nobody wants yesterday's newsletter after today's; older versions still waiting expire. */
  async #expireSuperseded(created: readonly Delivery[]): Promise<void> {
    for (const delivery of created) {
      const series = versionSeriesOf(delivery.job, delivery.eventKey);
      if (series === null) continue;
      await this.#deps.ledger.expireSuperseded({ ...delivery, series }, SUPERSEDED_REASON, this.#deps.clock.now());
    }
  }
}
