import type { Clock } from '../../../../application/ports/clock.port.ts';
import type { ClientDirectory, ClientRegistry } from '../../../../application/ports/client-directory.port.ts';
import type { Logger } from '../../../../application/ports/logger.port.ts';
import type { SuppressionList } from '../../../../application/ports/suppression-list.port.ts';
import { ManageSuppressions } from '../../../../application/use-cases/manage-suppressions.use-case.ts';
import { ManageClients } from '../../../../application/use-cases/manage-clients.use-case.ts';
import type { AppConfig } from '../../load-config.ts';
import type { ServiceMap } from '../../service-map.ts';
import type { ContainerModule } from '../../typed-container.ts';

/** Clients and suppressed numbers, as the admin API and the CLI manage them. */
export const clientsModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('manageClients').toResolvedValue(
      (config: AppConfig, directory: ClientDirectory, registry: ClientRegistry | null, logger: Logger) =>
        new ManageClients({ directory, registry, logger, defaultCountryCode: config.DEFAULT_COUNTRY_CODE }),
      ['config', 'clientDirectory', 'clientRegistry', 'logger'],
    );
    bind('manageSuppressions').toResolvedValue(
      (config: AppConfig, suppressions: SuppressionList, clock: Clock, logger: Logger) =>
        new ManageSuppressions({ suppressions, clock, logger, defaultCountryCode: config.DEFAULT_COUNTRY_CODE }),
      ['config', 'suppressionList', 'clock', 'logger'],
    );
  };
