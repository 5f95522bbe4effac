import type { Logger } from '../../../../application/ports/logger.port.ts';
import type { DeliveryIntake } from '../../../../application/services/delivery-intake.ts';
import { ProcessOfflineAlerts } from '../../../../application/use-cases/process-offline-alerts.use-case.ts';
import type { AppConfig } from '../../load-config.ts';
import type { ServiceMap } from '../../service-map.ts';
import type { ContainerModule } from '../../typed-container.ts';

/** Job 1.4: CVT's offline alerts (`notificaciones-controles`). */
export const offlineAlertsModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('processOfflineAlerts').toResolvedValue(
      (config: AppConfig, intake: DeliveryIntake, logger: Logger) =>
        new ProcessOfflineAlerts({
          intake,
          logger,
          defaultCountryCode: config.DEFAULT_COUNTRY_CODE,
          appBaseUrl: config.APP_BASE_URL,
          // Decided by configuration, not by the push adapter: a function that only queues needs no adapter.
          pushEnabled: config.ONESIGNAL_APP_ID !== undefined && config.ONESIGNAL_API_KEY !== undefined,
        }),
      ['config', 'deliveryIntake', 'logger'],
    );
  };
