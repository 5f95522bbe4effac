import type { z } from 'zod';
import { botmakerConfigSchema } from '../../../adapters/botmaker/botmaker.config.ts';
import { cloudapiConfigSchema } from '../../../adapters/cloudapi/cloudapi.config.ts';
import { chattonicConfigSchema } from '../../../adapters/chattonic/chattonic.config.ts';
import { cliengoConfigSchema } from '../../../adapters/cliengo/cliengo.config.ts';
import { gowaConfigSchema } from '../../../adapters/gowa/gowa.config.ts';
import { outboxConfigSchema } from '../../../adapters/outbox/outbox.config.ts';
import { waapiConfigSchema } from '../../../adapters/waapi/waapi.config.ts';

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
}

const entry = <Settings extends z.ZodObject>(provider: ProviderEntry<Settings>) => provider;

/**
 * Every WhatsApp provider with its settings and pace: what configuration needs, without the adapters
 * themselves, so that a deployable which never sends (a Lambda that only receives) does not carry them.
 * Everything else that names providers is derived from this object: their ids, the configuration docs,
 * the SAM parameters, the bundle check and the log scan of the tests; `provider-registry.ts` must then
 * say how each is built (the compiler asks for it), and its adapter lives in `src/adapters/<id>/`.
 */
export const PROVIDER_CATALOG = {
  outbox: entry({ settings: outboxConfigSchema, secrets: [], pacing: { minIntervalMs: 0, jitterMs: 0, timeoutMs: 5_000 } }),
  // WhatsApp Web sessions are banned when they send fast: never more than one message a second, with
  // jitter so that the rhythm does not look automated; 30 s is Waapi's own SDK timeout.
  waapi: entry({
    settings: waapiConfigSchema,
    secrets: ['WAAPI_TOKEN', 'WAAPI_WEBHOOK_TOKEN'],
    pacing: { minIntervalMs: 1_000, jitterMs: 500, timeoutMs: 30_000 },
  }),
  gowa: entry({
    settings: gowaConfigSchema,
    secrets: ['GOWA_PASSWORD', 'GOWA_WEBHOOK_SECRET'],
    pacing: { minIntervalMs: 1_000, jitterMs: 500, timeoutMs: 30_000 },
  }),
  // Official APIs where every HSM costs money and no limit is published: 5 to 7 calls a second clears a
  // newsletter run of a few hundred messages in about a minute. A Chat-Tonic campaign is one call.
  cliengo: entry({
    settings: cliengoConfigSchema,
    secrets: ['CLIENGO_API_KEY'],
    pacing: { minIntervalMs: 150, jitterMs: 50, timeoutMs: 15_000 },
  }),
  chattonic: entry({
    settings: chattonicConfigSchema,
    secrets: ['CHATTONIC_TOKEN'],
    pacing: { minIntervalMs: 150, jitterMs: 50, timeoutMs: 20_000 },
  }),
  // An official API: no ban risk, so no jitter; 10 calls a second is far below its published limits.
  botmaker: entry({
    settings: botmakerConfigSchema,
    secrets: ['BOTMAKER_ACCESS_TOKEN', 'BOTMAKER_WEBHOOK_TOKEN'],
    pacing: { minIntervalMs: 100, jitterMs: 0, timeoutMs: 10_000 },
  }),
  // Meta's own API: the number's throughput (CLOUDAPI_MESSAGES_PER_SECOND) and its pair rate
  // (CLOUDAPI_PAIR_INTERVAL_MS) set the pace; the common knobs can only slow it further.
  cloudapi: entry({
    settings: cloudapiConfigSchema,
    secrets: ['CLOUDAPI_ACCESS_TOKEN', 'CLOUDAPI_APP_SECRET', 'CLOUDAPI_VERIFY_TOKEN'],
    pacing: { minIntervalMs: 0, jitterMs: 0, timeoutMs: 15_000 },
    paceOf: (settings) => ({
      minIntervalMs: Math.ceil(1_000 / Number(settings['CLOUDAPI_MESSAGES_PER_SECOND'] ?? 80)),
      recipientSpacingMs: Number(settings['CLOUDAPI_PAIR_INTERVAL_MS'] ?? 6_000),
    }),
  }),
};

export type ProviderId = keyof typeof PROVIDER_CATALOG;
export type ProviderSettingsOf<Id extends ProviderId> = z.infer<(typeof PROVIDER_CATALOG)[Id]['settings']>;
