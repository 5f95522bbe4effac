import type { Clock } from '../../../../application/ports/clock.port.ts';
import type { DeliveryLedger } from '../../../../application/ports/delivery-ledger.port.ts';
import type { DispatchQueue } from '../../../../application/ports/dispatch-queue.port.ts';
import { DeliveryIntake } from '../../../../application/services/delivery-intake.ts';
import type { ServiceMap } from '../../service-map.ts';
import type { ContainerModule } from '../../typed-container.ts';

/** Recording deliveries and handing them to the dispatch queue: what every job that queues sends goes through. */
export const deliveryIntakeModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('deliveryIntake').toResolvedValue(
      (ledger: DeliveryLedger, dispatchQueue: DispatchQueue, clock: Clock) =>
        new DeliveryIntake({ ledger, dispatchQueue, clock, yieldToEventLoop: () => new Promise((resolve) => setImmediate(resolve)) }),
      ['deliveryLedger', 'dispatchQueue', 'clock'],
    );
  };
