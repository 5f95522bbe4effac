import type { Clock } from '../ports/clock.port.ts';
import type { DeliveryLedger, ResendSelector } from '../ports/delivery-ledger.port.ts';
import type { DispatchQueue } from '../ports/dispatch-queue.port.ts';
import type { Logger } from '../ports/logger.port.ts';

export interface ResendDeliveriesDeps {
  readonly ledger: DeliveryLedger;
  readonly dispatchQueue: DispatchQueue;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface ResendRequest {
  readonly selector: ResendSelector;
  /** Only count what would be requeued; nothing changes. */
  readonly dryRun: boolean;
}

/** More than this in one call is refused by the edge's schema for ids and capped for filters: an operator repeats the call. */
export const RESEND_LIMIT = 10_000;

/**
 * Issue 10 §3: an operator sends failed or expired deliveries again, by id or by filter. Each keeps its
 * id and history; its attempts start over. Only `failed` and `expired` are requeued (the ledger checks
 * it in the same write), so a delivery the provider took is never sent again, however often this runs.
 */
export class ResendDeliveries {
  readonly #deps: ResendDeliveriesDeps;

  constructor(deps: ResendDeliveriesDeps) {
    this.#deps = deps;
  }

  async execute(request: ResendRequest): Promise<{ readonly requeued: number; readonly ids: readonly string[] }> {
    const { ledger, dispatchQueue, clock, logger } = this.#deps;
    const candidates = await ledger.findResendable(request.selector, RESEND_LIMIT);
    if (request.dryRun) return { requeued: candidates.length, ids: candidates };
    const requeued = await ledger.requeue(candidates, clock.now());
    await dispatchQueue.publish(requeued);
    logger.info('deliveries requeued by an operator', { requeued: requeued.length });
    return { requeued: requeued.length, ids: requeued };
  }
}
