import { TypedContainer } from '@inversifyjs/strongly-typed';
import type { AppConfig } from './load-config.ts';
import { coreModule, type CoreOptions } from './modules/core.module.ts';
import { persistenceModules } from './modules/families.ts';
import { reportStoreModule } from './modules/report-store-family.ts';
import { messagingModule } from './modules/messaging.module.ts';
import { noticesModule } from './modules/notices.module.ts';
import { newsletterSourceModule } from './modules/newsletter-source.module.ts';
import { pushModule } from './modules/push.module.ts';
import { rendererModule } from './modules/renderer.module.ts';
import { useCasesModule } from './modules/use-cases.module.ts';
import type { ServiceMap } from './service-map.ts';

export type AppContainer = TypedContainer<ServiceMap>;

/**
 * The composition root of the server, the worker and the CLI: every use case, with the adapters the
 * configuration chose. The Lambda functions have roots of their own, each loading only what it uses.
 */
export async function createContainer(config: AppConfig, options: CoreOptions = {}): Promise<AppContainer> {
  const container = new TypedContainer<ServiceMap>({ defaultScope: 'Singleton' });
  const [persistence, reportStore, messaging] = await Promise.all([
    persistenceModules(config),
    reportStoreModule(config),
    messagingModule(config),
  ]);
  for (const module of [
    coreModule(config, options),
    ...persistence,
    reportStore,
    rendererModule(),
    newsletterSourceModule(),
    messaging,
    pushModule(),
    useCasesModule(),
    noticesModule({ whatsapp: true }),
  ]) {
    container.load(module);
  }
  return container;
}
