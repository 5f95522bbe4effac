import { MongoClientDirectory } from './mongodb.client-directory.adapter.ts';
import type { MongodbConfig } from './mongodb.config.ts';
import { sharedMongoClient } from './mongodb.connection.ts';
import type { UsuarioClienteDocument } from './mongodb.usuarioclientes.ts';
import { MongoDeliveryLedger } from './mongodb.delivery-ledger.adapter.ts';

export interface MongoStore {
  readonly directory: MongoClientDirectory;
  readonly ledger: MongoDeliveryLedger;
}

/**
 * Both MongoDB adapters over the process's shared client, the ledger's indexes ensured (an
 * idempotent call, cheap once they exist; run once per process start or Lambda cold start).
 */
export async function openMongoStore(config: MongodbConfig, options: { readonly retentionDays: number }): Promise<MongoStore> {
  const db = (await sharedMongoClient(config.MONGODB_URI)).db(config.MONGODB_DB);
  const directory = new MongoClientDirectory(db.collection<UsuarioClienteDocument>(config.MONGODB_USERS_COLLECTION));
  const ledger = new MongoDeliveryLedger(db, {
    deliveriesCollection: config.MONGODB_DELIVERIES_COLLECTION,
    receiptsCollection: config.MONGODB_RECEIPTS_COLLECTION,
    retentionDays: options.retentionDays,
  });
  await ledger.ensureIndexes();
  return { directory, ledger };
}
