import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';
import { clientsModule } from './use-cases/clients.module.ts';
import { deliveryIntakeModule } from './use-cases/delivery-intake.module.ts';
import { dispatchModule } from './use-cases/dispatch.module.ts';
import { ledgerUpkeepModule } from './use-cases/ledger-upkeep.module.ts';
import { meltwaterAlertsModule } from './use-cases/meltwater-alerts.module.ts';
import { newslettersModule } from './use-cases/newsletters.module.ts';
import { offlineAlertsModule } from './use-cases/offline-alerts.module.ts';
import { offlineReportsModule } from './use-cases/offline-reports.module.ts';
import { operationsModule } from './use-cases/operations.module.ts';
import { readinessModule } from './use-cases/readiness.module.ts';
import { receiptsModule } from './use-cases/receipts.module.ts';

/**
 * Every use case, for the processes that run them all (server, worker, CLI). Each Lambda function loads
 * only the modules of use-cases/ its handler resolves, so that its bundle holds only those use cases.
 */
export const useCasesModule = (): ContainerModule<ServiceMap> => (binder) => {
  for (const module of [
    deliveryIntakeModule(),
    meltwaterAlertsModule(),
    offlineAlertsModule(),
    offlineReportsModule(),
    newslettersModule(),
    dispatchModule(),
    ledgerUpkeepModule(),
    receiptsModule(),
    clientsModule(),
    operationsModule(),
    readinessModule(),
  ])
    module(binder);
};
