import { persistenceModules } from '../composition/modules/families.ts';
import { ledgerUpkeepModule } from '../composition/modules/use-cases/ledger-upkeep.module.ts';
import { lambdaContainer } from './lambda-container.ts';

const services = lambdaContainer({
  providers: false,
  settings: [],
  modules: async (config) => [...(await persistenceModules(config)), ledgerUpkeepModule()],
});

/**
 * Every few minutes: deliveries due for a while whose dispatch message was lost are published again,
 * and those queued past their job's maximum age expire (issue 10 §2).
 */
export async function handler(): Promise<{ swept: number; expired: number }> {
  const container = await services();
  const expired = await container.get('expireStaleDeliveries').execute();
  const swept = await container.get('sweepDueDeliveries').execute();
  if (swept > 0) container.get('logger').warn('stranded deliveries published again', { swept });
  return { swept, expired };
}
