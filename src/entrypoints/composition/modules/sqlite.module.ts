import { join, resolve } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { TypedContainerModule } from '@inversifyjs/strongly-typed';
import { openDatabase } from '../../../adapters/sqlite/sqlite.database.ts';
import { SqliteClientRegistry } from '../../../adapters/sqlite/sqlite.client-registry.adapter.ts';
import { SqliteDeliveryLedger } from '../../../adapters/sqlite/sqlite.delivery-ledger.adapter.ts';
import { SqliteJobQueue } from '../../../adapters/sqlite/sqlite.job-queue.adapter.ts';
import type { Clock } from '../../../application/ports/clock.port.ts';
import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';

export const databasePath = (config: AppConfig): string => join(resolve(config.DATA_DIR), 'cvt-whatsapp.db');

/** The embedded store: clients, the delivery ledger and the inbound queues in one SQLite file. */
export const sqliteModule = (): TypedContainerModule<ServiceMap> =>
  new TypedContainerModule<ServiceMap>(({ bind, onDeactivation }) => {
    bind('database')
      .toResolvedValue((config: AppConfig) => openDatabase(databasePath(config)), ['config'])
      .inSingletonScope();
    onDeactivation('database', (db: DatabaseSync) => {
      if (db.isOpen) db.close();
    });
    bind('clientRegistry')
      .toResolvedValue((db: DatabaseSync) => new SqliteClientRegistry(db), ['database'])
      .inSingletonScope();
    bind('clientDirectory').toService('clientRegistry');
    bind('deliveryLedger')
      .toResolvedValue((db: DatabaseSync) => new SqliteDeliveryLedger(db), ['database'])
      .inSingletonScope();
    // One queue object serves three ports; each container gets its own.
    let queue: SqliteJobQueue | undefined;
    const sharedQueue = (db: DatabaseSync, clock: Clock) => (queue ??= new SqliteJobQueue(db, clock));
    bind('jobQueue').toResolvedValue(sharedQueue, ['database', 'clock']).inSingletonScope();
    bind('queueConsumer').toResolvedValue(sharedQueue, ['database', 'clock']).inSingletonScope();
    bind('deadLetterReader').toResolvedValue(sharedQueue, ['database', 'clock']).inSingletonScope();
  });
