import type { ClientDirectory } from '../../../../application/ports/client-directory.port.ts';
import type { Logger } from '../../../../application/ports/logger.port.ts';
import type { DeliveryIntake } from '../../../../application/services/delivery-intake.ts';
import { AcceptMeltwaterAlert } from '../../../../application/use-cases/accept-meltwater-alert.use-case.ts';
import type { AppConfig } from '../../load-config.ts';
import type { ServiceMap } from '../../service-map.ts';
import type { ContainerModule } from '../../typed-container.ts';

/** Job 1.1: Meltwater's alerts, through the webhook. */
export const meltwaterAlertsModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('acceptMeltwaterAlert').toResolvedValue(
      (config: AppConfig, directory: ClientDirectory, intake: DeliveryIntake, logger: Logger) =>
        new AcceptMeltwaterAlert({
          directory,
          intake,
          logger,
          defaultCountryCode: config.DEFAULT_COUNTRY_CODE,
          maxDeliveries: config.WEBHOOK_MAX_DELIVERIES,
        }),
      ['config', 'clientDirectory', 'deliveryIntake', 'logger'],
    );
  };
