import { withFreeTextReplies } from './free-text-replies.ts';

interface ProviderRuntimeEntry {
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
   * Its factory's type is the adapter's own (provider-catalog.ts ties it to the provider's settings).
   */
  readonly create: () => Promise<unknown>;
}

/**
 * What the provider catalog (provider-catalog.ts) says of each provider besides its settings: its pace and how
 * to build it. Apart from the catalog, whose settings' schemas zod builds when imported, so that a function
 * whose providers' settings are decided by the plain checks sends without building them.
 */
export const PROVIDER_RUNTIME = {
  outbox: {
    pacing: { minIntervalMs: 0, jitterMs: 0, timeoutMs: 5_000 },
    create: () => import('../../../adapters/outbox/outbox.provider.ts').then((adapter) => adapter.createOutboxProvider),
  },
  // WhatsApp Web sessions are banned when they send fast: never more than one message a second, with
  // jitter so that the rhythm does not look automated; 30 s is Waapi's own SDK timeout.
  waapi: {
    pacing: { minIntervalMs: 1_000, jitterMs: 500, timeoutMs: 30_000 },
    create: () => import('../../../adapters/waapi/waapi.provider.ts').then((adapter) => withFreeTextReplies(adapter.createWaapiProvider)),
  },
  gowa: {
    pacing: { minIntervalMs: 1_000, jitterMs: 500, timeoutMs: 30_000 },
    create: () => import('../../../adapters/gowa/gowa.provider.ts').then((adapter) => withFreeTextReplies(adapter.createGowaProvider)),
  },
  // Official APIs where every HSM costs money and no limit is published: 5 to 7 calls a second clears a
  // newsletter run of a few hundred messages in about a minute. A Chat-Tonic campaign is one call.
  cliengo: {
    pacing: { minIntervalMs: 150, jitterMs: 50, timeoutMs: 15_000 },
    create: () => import('../../../adapters/cliengo/cliengo.provider.ts').then((adapter) => adapter.createCliengoProvider),
  },
  chattonic: {
    pacing: { minIntervalMs: 150, jitterMs: 50, timeoutMs: 20_000 },
    create: () => import('../../../adapters/chattonic/chattonic.provider.ts').then((adapter) => adapter.createChattonicProvider),
  },
  // An official API: no ban risk, so no jitter; 10 calls a second is far below its published limits.
  botmaker: {
    pacing: { minIntervalMs: 100, jitterMs: 0, timeoutMs: 10_000 },
    create: () => import('../../../adapters/botmaker/botmaker.provider.ts').then((adapter) => adapter.createBotmakerProvider),
  },
  // Meta's own API: the number's throughput (CLOUDAPI_MESSAGES_PER_SECOND) and its pair rate
  // (CLOUDAPI_PAIR_INTERVAL_MS) set the pace; the common knobs can only slow it further.
  cloudapi: {
    pacing: { minIntervalMs: 0, jitterMs: 0, timeoutMs: 15_000 },
    paceOf: (settings: Readonly<Record<string, unknown>>) => ({
      minIntervalMs: Math.ceil(1_000 / Number(settings['CLOUDAPI_MESSAGES_PER_SECOND'] ?? 80)),
      recipientSpacingMs: Number(settings['CLOUDAPI_PAIR_INTERVAL_MS'] ?? 6_000),
    }),
    create: () => import('../../../adapters/cloudapi/cloudapi.provider.ts').then((adapter) => adapter.createCloudapiProvider),
  },
};

export interface Pacing {
  readonly minIntervalMs: number;
  readonly jitterMs: number;
  readonly timeoutMs: number;
  /** The provider's own shortest time between two messages to one person; WHATSAPP_RECIPIENT_SPACING_MS may ask for more. */
  readonly recipientSpacingMs: number;
}

type RuntimeId = keyof typeof PROVIDER_RUNTIME;

export function pacingOf(id: RuntimeId, settings: Readonly<Record<string, unknown>>): Pacing {
  const prefix = id.toUpperCase();
  const entry: ProviderRuntimeEntry = PROVIDER_RUNTIME[id];
  const own = entry.paceOf?.(settings);
  return {
    minIntervalMs: Math.max(knob(settings, `${prefix}_MIN_INTERVAL_MS`), own?.minIntervalMs ?? 0),
    jitterMs: knob(settings, `${prefix}_JITTER_MS`),
    timeoutMs: knob(settings, `${prefix}_TIMEOUT_MS`),
    recipientSpacingMs: own?.recipientSpacingMs ?? 0,
  };
}

/** One of the common knobs, which the providers' settings always give a number (its default at least). */
function knob(settings: Readonly<Record<string, unknown>>, name: string): number {
  const value = settings[name];
  if (typeof value !== 'number') throw new Error(`${name} was not validated as a provider's setting`);
  return value;
}
