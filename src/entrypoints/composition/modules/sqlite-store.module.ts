import type { DatabaseSync } from 'node:sqlite';
import { SqliteClientRegistry } from '../../../adapters/sqlite/sqlite.client-registry.adapter.ts';
import { SqliteNewsletterRunLog } from '../../../adapters/sqlite/sqlite.newsletter-run-log.adapter.ts';
import { SqliteDeliveryLedger } from '../../../adapters/sqlite/sqlite.delivery-ledger.adapter.ts';
import { SqliteConversationWindows } from '../../../adapters/sqlite/sqlite.conversation-windows.adapter.ts';
import { SqliteSuppressionList } from '../../../adapters/sqlite/sqlite.suppression-list.adapter.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

/** STORE=sqlite: clients (managed through the admin API and the CLI) and the delivery ledger. */
export const sqliteStoreModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('clientRegistry').toResolvedValue((db: DatabaseSync) => new SqliteClientRegistry(db), ['database']);
    bind('clientDirectory').toResolvedValue((db: DatabaseSync) => new SqliteClientRegistry(db), ['database']);
    bind('deliveryLedger').toResolvedValue((db: DatabaseSync) => new SqliteDeliveryLedger(db), ['database']);
    bind('newsletterRunLog').toResolvedValue((db: DatabaseSync) => new SqliteNewsletterRunLog(db), ['database']);
    bind('suppressionList').toResolvedValue((db: DatabaseSync) => new SqliteSuppressionList(db), ['database']);
    bind('conversationWindows').toResolvedValue((db: DatabaseSync) => new SqliteConversationWindows(db), ['database']);
  };
