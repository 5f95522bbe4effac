import type { z } from 'zod';
import { botmakerConfigSchema } from '../../../adapters/botmaker/botmaker.config.ts';
import { cloudapiConfigSchema } from '../../../adapters/cloudapi/cloudapi.config.ts';
import { chattonicConfigSchema } from '../../../adapters/chattonic/chattonic.config.ts';
import { cliengoConfigSchema } from '../../../adapters/cliengo/cliengo.config.ts';
import { gowaConfigSchema } from '../../../adapters/gowa/gowa.config.ts';
import { outboxConfigSchema } from '../../../adapters/outbox/outbox.config.ts';
import { waapiConfigSchema } from '../../../adapters/waapi/waapi.config.ts';
import { withFreeTextReplies } from './free-text-replies.ts';
import type { ProviderFactory } from './provider-instance.ts';

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
 * Every WhatsApp provider: its settings, its pace and how to build it. Everything else that names providers
 * is derived from this object: their ids, the configuration docs, the SAM parameters, the bundle check and
 * the log scan of the tests. Adapters are imported on demand (`create`), so a deployable that never sends
 * (a Lambda that only receives) never loads them.
 */
export const PROVIDER_CATALOG = {
  outbox: entry({
    settings: outboxConfigSchema,
    secrets: [],
    pacing: { minIntervalMs: 0, jitterMs: 0, timeoutMs: 5_000 },
    create: () => import('../../../adapters/outbox/outbox.provider.ts').then((adapter) => adapter.createOutboxProvider),
  }),
  // WhatsApp Web sessions are banned when they send fast: never more than one message a second, with
  // jitter so that the rhythm does not look automated; 30 s is Waapi's own SDK timeout.
  waapi: entry({
    settings: waapiConfigSchema,
    secrets: ['WAAPI_TOKEN', 'WAAPI_WEBHOOK_TOKEN'],
    pacing: { minIntervalMs: 1_000, jitterMs: 500, timeoutMs: 30_000 },
    create: () => import('../../../adapters/waapi/waapi.provider.ts').then((adapter) => withFreeTextReplies(adapter.createWaapiProvider)),
  }),
  gowa: entry({
    settings: gowaConfigSchema,
    secrets: ['GOWA_PASSWORD', 'GOWA_WEBHOOK_SECRET'],
    pacing: { minIntervalMs: 1_000, jitterMs: 500, timeoutMs: 30_000 },
    create: () => import('../../../adapters/gowa/gowa.provider.ts').then((adapter) => withFreeTextReplies(adapter.createGowaProvider)),
  }),
  // Official APIs where every HSM costs money and no limit is published: 5 to 7 calls a second clears a
  // newsletter run of a few hundred messages in about a minute. A Chat-Tonic campaign is one call.
  cliengo: entry({
    settings: cliengoConfigSchema,
    secrets: ['CLIENGO_API_KEY'],
    pacing: { minIntervalMs: 150, jitterMs: 50, timeoutMs: 15_000 },
    create: () => import('../../../adapters/cliengo/cliengo.provider.ts').then((adapter) => adapter.createCliengoProvider),
  }),
  chattonic: entry({
    settings: chattonicConfigSchema,
    secrets: ['CHATTONIC_TOKEN'],
    pacing: { minIntervalMs: 150, jitterMs: 50, timeoutMs: 20_000 },
    create: () => import('../../../adapters/chattonic/chattonic.provider.ts').then((adapter) => adapter.createChattonicProvider),
  }),
  // An official API: no ban risk, so no jitter; 10 calls a second is far below its published limits.
  botmaker: entry({
    settings: botmakerConfigSchema,
    secrets: ['BOTMAKER_ACCESS_TOKEN', 'BOTMAKER_WEBHOOK_TOKEN'],
    pacing: { minIntervalMs: 100, jitterMs: 0, timeoutMs: 10_000 },
    create: () => import('../../../adapters/botmaker/botmaker.provider.ts').then((adapter) => adapter.createBotmakerProvider),
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
    create: () => import('../../../adapters/cloudapi/cloudapi.provider.ts').then((adapter) => adapter.createCloudapiProvider),
  }),
};

export type ProviderId = keyof typeof PROVIDER_CATALOG;
export type ProviderSettingsOf<Id extends ProviderId> = z.infer<(typeof PROVIDER_CATALOG)[Id]['settings']>;
