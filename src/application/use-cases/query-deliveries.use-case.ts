import type { Delivery } from '../../domain/deliveries/delivery.ts';
import type { DeliveryEvent } from '../../domain/deliveries/delivery-event.ts';
import type { DeliveryCount, DeliveryFilter, DeliveryLedger } from '../ports/delivery-ledger.port.ts';

/** Reads the delivery record for the admin API, the console and the CLI. */
export class QueryDeliveries {
  readonly #ledger: DeliveryLedger;

  constructor(ledger: DeliveryLedger) {
    this.#ledger = ledger;
  }

  list(filter: DeliveryFilter): Promise<Delivery[]> {
    return this.#ledger.list(filter);
  }

  get(id: string): Promise<Delivery | undefined> {
    return this.#ledger.get(id);
  }

  /** By job and status; with `since`, only the deliveries created since then. */
  counts(since?: Date): Promise<DeliveryCount[]> {
    return this.#ledger.counts(since);
  }

  /** Deliveries waiting for `provider` to be available again. */
  waitingFor(provider: string): Promise<number> {
    return this.#ledger.waitingCount(provider);
  }

  /** A delivery with its history, oldest event first; undefined when it is unknown. */
  async withHistory(id: string): Promise<{ readonly delivery: Delivery; readonly events: readonly DeliveryEvent[] } | undefined> {
    const delivery = await this.#ledger.get(id);
    if (delivery === undefined) return undefined;
    return { delivery, events: await this.#ledger.history(id) };
  }
}
