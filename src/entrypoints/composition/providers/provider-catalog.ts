import type { z } from 'zod';
import { botmakerConfigSchema } from '../../../adapters/botmaker/botmaker.config.ts';
import { cloudapiConfigSchema } from '../../../adapters/cloudapi/cloudapi.config.ts';
import { chattonicConfigSchema } from '../../../adapters/chattonic/chattonic.config.ts';
import { cliengoConfigSchema } from '../../../adapters/cliengo/cliengo.config.ts';
import { gowaConfigSchema } from '../../../adapters/gowa/gowa.config.ts';
import { outboxConfigSchema } from '../../../adapters/outbox/outbox.config.ts';
import { waapiConfigSchema } from '../../../adapters/waapi/waapi.config.ts';
import type { ProviderFactory } from './provider-instance.ts';
import { PROVIDER_RUNTIME } from './provider-runtime.ts';

export interface ProviderEntry<Settings extends z.ZodObject> {
  /**
   * The provider's own settings, validated at start only when the provider is used; each is named
   * `<ID>_…` and becomes a line of README's table, of .env.example and a parameter of deploy/template.yaml.
   */
  readonly settings: Settings;
  /** Its settings that hold a credential: NoEcho in the SAM template, and never in a log line of the tests. */
  readonly secrets: readonly (keyof Settings['shape'] & string)[];
  /** Default pace: WhatsApp Web sessions are banned when they send fast, official APIs are not. */
  readonly pacing: { readonly minIntervalMs: number; readonly jitterMs: number; readonly timeoutMs: number };
  /** A pace the provider's own settings impose on top of the common knobs (Cloud API's messages per second and pair rate). */
  readonly paceOf?: (settings: Readonly<Record<string, unknown>>) => {
    readonly minIntervalMs: number;
    readonly recipientSpacingMs: number;
  };
  /**
   * Its adapter, imported only when the provider is used: a deployable that never sends loads none of them,
   * and one that sends loads only the providers its configuration names (esbuild keeps each in its own chunk).
   */
  readonly create: () => Promise<ProviderFactory<z.infer<Settings>>>;
}

const entry = <Settings extends z.ZodObject>(provider: ProviderEntry<Settings>) => provider;

/**
 * Every WhatsApp provider: its settings, its pace and how to build it (those two in provider-runtime.ts). Everything else that names providers
 * is derived from this object: their ids, the configuration docs, the SAM parameters, the bundle check and
 * the log scan of the tests. Adapters are imported on demand (`create`), so a deployable that never sends
 * (a Lambda that only receives) never loads them.
 */
export const PROVIDER_CATALOG = {
  outbox: entry({ settings: outboxConfigSchema, secrets: [], ...PROVIDER_RUNTIME.outbox }),
  waapi: entry({ settings: waapiConfigSchema, secrets: ['WAAPI_TOKEN', 'WAAPI_WEBHOOK_TOKEN'], ...PROVIDER_RUNTIME.waapi }),
  gowa: entry({ settings: gowaConfigSchema, secrets: ['GOWA_PASSWORD', 'GOWA_WEBHOOK_SECRET'], ...PROVIDER_RUNTIME.gowa }),
  cliengo: entry({ settings: cliengoConfigSchema, secrets: ['CLIENGO_API_KEY'], ...PROVIDER_RUNTIME.cliengo }),
  chattonic: entry({ settings: chattonicConfigSchema, secrets: ['CHATTONIC_TOKEN'], ...PROVIDER_RUNTIME.chattonic }),
  botmaker: entry({
    settings: botmakerConfigSchema,
    secrets: ['BOTMAKER_ACCESS_TOKEN', 'BOTMAKER_WEBHOOK_TOKEN'],
    ...PROVIDER_RUNTIME.botmaker,
  }),
  cloudapi: entry({
    settings: cloudapiConfigSchema,
    secrets: ['CLOUDAPI_ACCESS_TOKEN', 'CLOUDAPI_APP_SECRET', 'CLOUDAPI_VERIFY_TOKEN'],
    ...PROVIDER_RUNTIME.cloudapi,
  }),
};

export type ProviderId = keyof typeof PROVIDER_CATALOG;
export type ProviderSettingsOf<Id extends ProviderId> = z.infer<(typeof PROVIDER_CATALOG)[Id]['settings']>;
