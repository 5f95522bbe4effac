import { MongoClientDirectory } from '../../../adapters/mongodb/mongodb.client-directory.adapter.ts';
import { closeSharedMongoClients, lazyMongoDatabase } from '../../../adapters/mongodb/mongodb.connection.ts';
import { collectionOf, type DatabaseSource } from '../../../adapters/mongodb/mongodb.driver.ts';
import { MongoDeliveryLedger } from '../../../adapters/mongodb/mongodb.delivery-ledger.adapter.ts';
import { MongoNewsletterRunLog } from '../../../adapters/mongodb/mongodb.newsletter-run-log.adapter.ts';
import { MongoConversationWindows } from '../../../adapters/mongodb/mongodb.conversation-windows.adapter.ts';
import { MongoSuppressionList } from '../../../adapters/mongodb/mongodb.suppression-list.adapter.ts';
import type { Db } from 'mongodb';
import type { MongodbConfig } from '../../../adapters/mongodb/mongodb.config.ts';
import type { UsuarioClienteDocument } from '../../../adapters/mongodb/mongodb.usuarioclientes.ts';
import type { Logger } from '../../../application/ports/logger.port.ts';
import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

/**
 * STORE=mongodb: clients read from CVT's `usuarioclientes` (never written: CVT manages them), and the
 * delivery ledger in a collection of its own. One client per process, reused across Lambda invocations.
 */
export const mongodbStoreModule =
  (settings: MongodbConfig): ContainerModule<ServiceMap> =>
  ({ bind, onDeactivation }) => {
    // The driver is loaded, and connects, on the first query: never while a function starts.
    const database = lazyMongoDatabase(settings.MONGODB_URI, settings.MONGODB_DB);
    bind('clientRegistry').toConstantValue(null);
    bind('clientDirectory').toResolvedValue(
      () => new MongoClientDirectory(collectionOf<UsuarioClienteDocument>(database, settings.MONGODB_USERS_COLLECTION)),
    );
    bind('deliveryLedger').toResolvedValue(
      (config: AppConfig, logger: Logger) => {
        // Deliveries are keyed by their deterministic id, so repeats stay single even before the
        // indexes exist; a failure here only costs speed, and is logged.
        const ledger: MongoDeliveryLedger = new MongoDeliveryLedger(
          onFirstQuery(database, () =>
            ledger.ensureIndexes().catch((error: unknown) => logger.error('could not ensure the ledger indexes', { error })),
          ),
          {
            deliveriesCollection: settings.MONGODB_DELIVERIES_COLLECTION,
            receiptsCollection: settings.MONGODB_RECEIPTS_COLLECTION,
            retentionDays: config.DELIVERY_RETENTION_DAYS,
          },
        );
        return ledger;
      },
      ['config', 'logger'],
    );
    bind('newsletterRunLog').toResolvedValue(
      (logger: Logger) => {
        const runs: MongoNewsletterRunLog = new MongoNewsletterRunLog(
          onFirstQuery(database, () =>
            runs.ensureIndexes().catch((error: unknown) => logger.error('could not ensure the newsletter run indexes', { error })),
          ),
          settings.MONGODB_RUNS_COLLECTION,
        );
        return runs;
      },
      ['logger'],
    );
    bind('suppressionList').toResolvedValue(() => new MongoSuppressionList(database, settings.MONGODB_SUPPRESSIONS_COLLECTION));
    bind('conversationWindows').toResolvedValue(() => new MongoConversationWindows(database, settings.MONGODB_WINDOWS_COLLECTION));
    // Whichever of them a process used closes the client they share: a CLI command that only lists clients
    // would otherwise never end, held open by the client's sockets and its monitoring.
    for (const key of REACHING_THE_DATABASE) onDeactivation(key, () => closeSharedMongoClients());
  };

const REACHING_THE_DATABASE = ['clientDirectory', 'deliveryLedger', 'newsletterRunLog', 'suppressionList', 'conversationWindows'] as const;

/**
 * `database`, starting `first` beside the first query that reaches it: the indexes are ensured once the
 * driver is needed anyway, not while a Lambda function or a CLI command that never queries starts.
 */
function onFirstQuery(database: () => Promise<Db>, first: () => unknown): DatabaseSource {
  let started = false;
  return () => {
    if (!started) {
      started = true;
      queueMicrotask(first);
    }
    return database();
  };
}
