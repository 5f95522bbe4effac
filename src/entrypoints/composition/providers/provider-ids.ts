import type { PROVIDER_CATALOG } from './provider-catalog.ts';

type CatalogId = keyof typeof PROVIDER_CATALOG;

/**
 * The ids `WHATSAPP_PROVIDER` accepts, in the catalog's order (that of the docs and of the SAM template).
 * Written out rather than read from the catalog, which builds every provider's settings schema when
 * imported: the settings' schema needs only the ids, and a Lambda function that never sends, or a CLI
 * command, should not pay for the schemas. The compiler keeps the list within the catalog's ids, and
 * test/unit/entrypoints/provider-catalog.test.ts to all of them, in order.
 */
export const PROVIDER_IDS = [
  'outbox',
  'waapi',
  'gowa',
  'cliengo',
  'chattonic',
  'botmaker',
  'cloudapi',
] as const satisfies readonly CatalogId[];
