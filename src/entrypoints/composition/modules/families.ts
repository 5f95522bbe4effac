import type { TypedContainerModule } from '@inversifyjs/strongly-typed';
import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';
import { fsReportsModule } from './fs-reports.module.ts';
import { localQueueModule } from './local-queue.module.ts';
import { mongodbStoreModule } from './mongodb-store.module.ts';
import { s3ReportsModule } from './s3-reports.module.ts';
import { sqliteDatabaseModule } from './sqlite-database.module.ts';
import { sqliteStoreModule } from './sqlite-store.module.ts';
import { sqsQueueModule } from './sqs-queue.module.ts';

/** STORE and QUEUE: the store of clients and deliveries, and the queues; the embedded database when either needs it. */
export function persistenceModules(config: AppConfig): TypedContainerModule<ServiceMap>[] {
  return [
    ...(config.STORE === 'sqlite' || config.QUEUE === 'local' ? [sqliteDatabaseModule()] : []),
    config.STORE === 'mongodb' ? mongodbStoreModule(config.mongodb) : sqliteStoreModule(),
    config.QUEUE === 'sqs' ? sqsQueueModule(config.sqs) : localQueueModule(),
  ];
}

/** REPORT_STORE: where report pages are kept. */
export function reportStoreModule(config: AppConfig): TypedContainerModule<ServiceMap> {
  return config.REPORT_STORE === 's3' ? s3ReportsModule(config.s3) : fsReportsModule();
}
