import type { Clock } from '../../../../application/ports/clock.port.ts';
import type { DeliveryLedger } from '../../../../application/ports/delivery-ledger.port.ts';
import type { DispatchQueue } from '../../../../application/ports/dispatch-queue.port.ts';
import type { JobQueue } from '../../../../application/ports/job-queue.port.ts';
import type { Logger } from '../../../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../../../application/ports/messaging.port.ts';
import { PurgeDeliveries } from '../../../../application/use-cases/purge-deliveries.use-case.ts';
import { ResendDeliveries } from '../../../../application/use-cases/resend-deliveries.use-case.ts';
import { QueryDeliveries } from '../../../../application/use-cases/query-deliveries.use-case.ts';
import { SendTestMessage } from '../../../../application/use-cases/send-test-message.use-case.ts';
import { SubmitQueueMessage } from '../../../../application/use-cases/submit-queue-message.use-case.ts';
import type { AppConfig } from '../../load-config.ts';
import type { ServiceMap } from '../../service-map.ts';
import type { ContainerModule } from '../../typed-container.ts';

/** Operators' tools: reading and resending deliveries, enqueueing a body, a test message, the retention purge. */
export const operationsModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('queryDeliveries').toResolvedValue((ledger: DeliveryLedger) => new QueryDeliveries(ledger), ['deliveryLedger']);
    bind('resendDeliveries').toResolvedValue(
      (ledger: DeliveryLedger, dispatchQueue: DispatchQueue, clock: Clock, logger: Logger) =>
        new ResendDeliveries({ ledger, dispatchQueue, clock, logger }),
      ['deliveryLedger', 'dispatchQueue', 'clock', 'logger'],
    );
    bind('submitQueueMessage').toResolvedValue((queue: JobQueue) => new SubmitQueueMessage(queue), ['jobQueue']);
    bind('purgeDeliveries').toResolvedValue(
      (config: AppConfig, ledger: DeliveryLedger, clock: Clock) =>
        new PurgeDeliveries({ ledger, clock, retentionDays: config.DELIVERY_RETENTION_DAYS }),
      ['config', 'deliveryLedger', 'clock'],
    );
    bind('sendTestMessage').toResolvedValue(
      (config: AppConfig, messaging: MessagingPort, clock: Clock) => new SendTestMessage(messaging, config.DEFAULT_COUNTRY_CODE, clock),
      ['config', 'messaging', 'clock'],
    );
  };
