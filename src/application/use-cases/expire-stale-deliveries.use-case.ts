import { JOBS } from '../../domain/deliveries/job.ts';
import { staleBefore, staleReason, type MaxAgeHours } from '../../domain/deliveries/freshness.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { DeliveryLedger } from '../ports/delivery-ledger.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { OperatorAlerts } from '../ports/operator-alerts.port.ts';

export interface ExpireStaleDeliveriesDeps {
  readonly ledger: DeliveryLedger;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly alerts: OperatorAlerts;
  readonly maxAgeHours: MaxAgeHours;
}

/**
 * Issue 10 §2: deliveries still queued past their job's maximum age become `expired`, with the reason.
 * The dispatcher also expires a stale delivery when it comes to send it; this sweep finds those that
 * wait far in the future (a provider down for long) so that the API and metrics say it in time.
 */
export class ExpireStaleDeliveries {
  readonly #deps: ExpireStaleDeliveriesDeps;

  constructor(deps: ExpireStaleDeliveriesDeps) {
    this.#deps = deps;
  }

  async execute(): Promise<number> {
    const { ledger, clock, logger, alerts, maxAgeHours } = this.#deps;
    let expired = 0;
    for (const job of JOBS) {
      const now = clock.now();
      const count = await ledger.expireStale(job, staleBefore(job, maxAgeHours, now), staleReason(job, maxAgeHours), now);
      for (let index = 0; index < count; index++) alerts.raise({ kind: 'delivery-given-up', status: 'expired', job, at: now });
      if (count > 0) logger.warn('deliveries expired while they waited', { job, expired: count });
      expired += count;
    }
    return expired;
  }
}
