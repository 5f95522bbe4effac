import type { Clock } from '../ports/clock.port.ts';
import type { DeliveryLedger } from '../ports/delivery-ledger.port.ts';

/**
 * Forgets finished deliveries after the retention period. The record is what stops a repeat from
 * being sent, so the period must outlast the repeats CVT's systems produce (the old one kept 30 days).
 */
export class PurgeDeliveries {
  readonly #deps: { readonly ledger: DeliveryLedger; readonly clock: Clock; readonly retentionDays: number };

  constructor(deps: { readonly ledger: DeliveryLedger; readonly clock: Clock; readonly retentionDays: number }) {
    this.#deps = deps;
  }

  execute(): Promise<number> {
    const before = new Date(this.#deps.clock.now().getTime() - this.#deps.retentionDays * 86_400_000);
    return this.#deps.ledger.purge(before);
  }
}
