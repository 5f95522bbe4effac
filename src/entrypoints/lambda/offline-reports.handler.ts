import { persistenceModules } from '../composition/modules/families.ts';
import { reportStoreModule } from '../composition/modules/report-store-family.ts';
import { rendererModule } from '../composition/modules/renderer.module.ts';
import { deliveryIntakeModule } from '../composition/modules/use-cases/delivery-intake.module.ts';
import { offlineReportsModule } from '../composition/modules/use-cases/offline-reports.module.ts';
import { offlineReportsHandler } from '../shared/inbound-queue-handlers.ts';
import { inboundLambda } from './inbound-lambda.ts';
import { remainingBudgetMs } from './invocation-budget.ts';
import { lambdaContainer } from './lambda-container.ts';
import { RENDERING_SETTINGS } from './lambda-settings.ts';

const services = lambdaContainer({
  providers: false,
  settings: RENDERING_SETTINGS,
  modules: async (config) => [
    ...(await persistenceModules(config)),
    await reportStoreModule(config),
    rendererModule({ remainingBudgetMs }),
    deliveryIntakeModule(),
    offlineReportsModule(),
  ],
});

/** docs/contracts/product.md §1.3: CVT's `whatsapp-informes` messages. */
export const handler = inboundLambda(services, 'offline-reports', (container) =>
  offlineReportsHandler(container.get('processOfflineReport')),
);
