import type { Clock } from '../../../../application/ports/clock.port.ts';
import type { DeliveryLedger } from '../../../../application/ports/delivery-ledger.port.ts';
import type { DispatchQueue } from '../../../../application/ports/dispatch-queue.port.ts';
import type { Logger } from '../../../../application/ports/logger.port.ts';
import type { OperatorAlerts } from '../../../../application/ports/operator-alerts.port.ts';
import { ExpireStaleDeliveries } from '../../../../application/use-cases/expire-stale-deliveries.use-case.ts';
import { SweepDueDeliveries } from '../../../../application/use-cases/sweep-due-deliveries.use-case.ts';
import type { AppConfig } from '../../load-config.ts';
import type { ServiceMap } from '../../service-map.ts';
import type { ContainerModule } from '../../typed-container.ts';

/** Longer than a dispatcher takes to pick up what is published, so that only stranded deliveries are swept. */
const SWEEP_GRACE_MS = 5 * 60_000;

/** Keeping the ledger moving: publishing again what was stranded, expiring what waited too long. */
export const ledgerUpkeepModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('expireStaleDeliveries').toResolvedValue(
      (config: AppConfig, ledger: DeliveryLedger, clock: Clock, logger: Logger, alerts: OperatorAlerts) =>
        new ExpireStaleDeliveries({ ledger, clock, logger, alerts, maxAgeHours: config.DELIVERY_MAX_AGE_HOURS }),
      ['config', 'deliveryLedger', 'clock', 'logger', 'operatorAlerts'],
    );
    bind('sweepDueDeliveries').toResolvedValue(
      (ledger: DeliveryLedger, dispatchQueue: DispatchQueue, clock: Clock) =>
        new SweepDueDeliveries({ ledger, dispatchQueue, clock, graceMs: SWEEP_GRACE_MS, batch: 500 }),
      ['deliveryLedger', 'dispatchQueue', 'clock'],
    );
  };
