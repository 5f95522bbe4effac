import { persistenceModules } from '../composition/modules/families.ts';
import { deliveryIntakeModule } from '../composition/modules/use-cases/delivery-intake.module.ts';
import { offlineAlertsModule } from '../composition/modules/use-cases/offline-alerts.module.ts';
import { offlineAlertsHandler } from '../shared/inbound-queue-handlers.ts';
import { inboundLambda } from './inbound-lambda.ts';
import { lambdaContainer } from './lambda-container.ts';

const services = lambdaContainer({
  providers: false,
  settings: ['APP_BASE_URL'],
  modules: async (config) => [...(await persistenceModules(config)), deliveryIntakeModule(), offlineAlertsModule()],
});

/** docs/contracts/product.md §1.4: CVT's `notificaciones-controles` messages. */
export const handler = inboundLambda(services, 'offline-alerts', (container, logger) =>
  offlineAlertsHandler(container.get('processOfflineAlerts'), logger),
);
