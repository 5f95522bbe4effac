import { join, resolve } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { openDatabase } from '../../../adapters/sqlite/sqlite.database.ts';
import { unusableDatabase } from '../data-dir.ts';
import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

const databasePath = (config: AppConfig): string => join(resolve(config.DATA_DIR), 'cvt-whatsapp.db');

/** The embedded database file, shared by the embedded store and the embedded queues. */
export const sqliteDatabaseModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind, onDeactivation }) => {
    bind('database').toResolvedValue(
      (config: AppConfig) => {
        const path = databasePath(config);
        try {
          return openDatabase(path);
        } catch (error) {
          throw unusableDatabase(path, error);
        }
      },
      ['config'],
    );
    onDeactivation('database', (db: DatabaseSync) => {
      if (db.isOpen) db.close();
    });
  };
