import { TypedContainer } from '@inversifyjs/strongly-typed';
import type { AppConfig } from './load-config.ts';
import { coreModule, type CoreOptions } from './modules/core.module.ts';
import { fsReportsModule } from './modules/fs-reports.module.ts';
import { htmlModule } from './modules/html.module.ts';
import { localDispatchModule } from './modules/local-dispatch.module.ts';
import { messagingModule } from './modules/messaging.module.ts';
import { pushModule } from './modules/push.module.ts';
import { sqliteModule } from './modules/sqlite.module.ts';
import { useCasesModule } from './modules/use-cases.module.ts';
import type { ServiceMap } from './service-map.ts';

export type AppContainer = TypedContainer<ServiceMap>;

/**
 * The composition root of the server and the CLI: the only place where adapters are chosen, from the
 * validated configuration.
 */
export function createContainer(config: AppConfig, options: CoreOptions = {}): AppContainer {
  const container = new TypedContainer<ServiceMap>({ defaultScope: 'Singleton' });
  container.load(coreModule(config, options));
  container.load(sqliteModule());
  container.load(fsReportsModule());
  container.load(localDispatchModule());
  container.load(htmlModule());
  container.load(messagingModule());
  container.load(pushModule());
  container.load(useCasesModule());
  return container;
}
