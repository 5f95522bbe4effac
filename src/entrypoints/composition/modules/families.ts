import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

/*
 * Each family's modules are imported only when the configuration chooses them: the MongoDB driver and the
 * AWS SDK take longer to load than a CLI command or a function's cold start on SQLite takes altogether,
 * and in a bundle split in chunks (the CLI's, the Lambda functions') what is not chosen is never read.
 */

/** STORE and QUEUE: the store of clients and deliveries, and the queues; the embedded database when either needs it. */
export async function persistenceModules(config: AppConfig): Promise<ContainerModule<ServiceMap>[]> {
  const sqlite = config.STORE === 'sqlite' || config.QUEUE === 'local' ? import('./sqlite-family.ts') : undefined;
  const [database, store, queue] = await Promise.all([
    sqlite === undefined ? [] : sqlite.then(({ sqliteDatabaseModule }) => [sqliteDatabaseModule()]),
    config.STORE === 'mongodb'
      ? import('./mongodb-store.module.ts').then(({ mongodbStoreModule }) => mongodbStoreModule(config.mongodb))
      : (sqlite ?? import('./sqlite-family.ts')).then(({ sqliteStoreModule }) => sqliteStoreModule()),
    config.QUEUE === 'sqs'
      ? import('./sqs-queue.module.ts').then(({ sqsQueueModule }) => sqsQueueModule(config.sqs))
      : import('./local-queue.module.ts').then(({ localQueueModule }) => localQueueModule()),
  ]);
  return [...database, store, queue];
}
