import type { ProviderId } from './provider-catalog.ts';

/** The ids `WHATSAPP_PROVIDER` accepts; the catalog and the registry must name exactly these. */
export const PROVIDER_IDS = [
  'outbox',
  'waapi',
  'gowa',
  'cliengo',
  'chattonic',
  'botmaker',
  'cloudapi',
] as const satisfies readonly ProviderId[];
