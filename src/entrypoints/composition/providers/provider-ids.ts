import { PROVIDER_CATALOG, type ProviderId } from './provider-catalog.ts';

const isProviderId = (key: string): key is ProviderId => Object.hasOwn(PROVIDER_CATALOG, key);

/** The ids `WHATSAPP_PROVIDER` accepts: the catalog's, in its order (that of the docs and of the SAM template). */
export const PROVIDER_IDS: readonly ProviderId[] = Object.keys(PROVIDER_CATALOG).filter(isProviderId);
