import { join } from 'node:path';
import type { z } from 'zod';
import { chattonicConfigSchema } from '../../../adapters/chattonic/chattonic.config.ts';
import { createChattonicProvider } from '../../../adapters/chattonic/chattonic.provider.ts';
import { cliengoConfigSchema } from '../../../adapters/cliengo/cliengo.config.ts';
import { createCliengoProvider } from '../../../adapters/cliengo/cliengo.provider.ts';
import { botmakerConfigSchema } from '../../../adapters/botmaker/botmaker.config.ts';
import { createBotmakerProvider } from '../../../adapters/botmaker/botmaker.provider.ts';
import { gowaConfigSchema } from '../../../adapters/gowa/gowa.config.ts';
import { createGowaProvider } from '../../../adapters/gowa/gowa.provider.ts';
import { outboxConfigSchema } from '../../../adapters/outbox/outbox.config.ts';
import { OutboxMessaging } from '../../../adapters/outbox/outbox.messaging.adapter.ts';
import { waapiConfigSchema } from '../../../adapters/waapi/waapi.config.ts';
import { createWaapiProvider } from '../../../adapters/waapi/waapi.provider.ts';
import type { Clock } from '../../../application/ports/clock.port.ts';
import type { Logger } from '../../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../../application/ports/messaging.port.ts';
import type { OutboxReader } from '../../../application/ports/outbox.port.ts';
import type { ReceiptSource } from '../../../application/ports/receipt-source.port.ts';

/** What the composition gives every provider adapter besides its own settings. */
export interface ProviderRuntime {
  readonly dataDir: string;
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface ProviderInstance {
  readonly messaging: MessagingPort;
  /** Present for providers that post delivery receipts back (`/webhooks/<id>`). */
  readonly receipts?: ReceiptSource;
  readonly outbox?: OutboxReader;
  close?(): void;
}

export interface ProviderDefinition<Settings extends z.ZodObject> {
  /** The provider's own settings, validated at start only when the provider is used. */
  readonly settings: Settings;
  /** Default pace: WhatsApp Web sessions are banned when they send fast, official APIs are not. */
  readonly pacing: { readonly minIntervalMs: number; readonly jitterMs: number; readonly timeoutMs: number };
  create(settings: z.infer<Settings>, runtime: ProviderRuntime): ProviderInstance;
}

const define = <Settings extends z.ZodObject>(definition: ProviderDefinition<Settings>) => definition;

/** Every WhatsApp provider, one line each: its id, its settings, its pace and how to build it. */
export const PROVIDERS = {
  outbox: define({
    settings: outboxConfigSchema,
    pacing: { minIntervalMs: 0, jitterMs: 0, timeoutMs: 5_000 },
    create: (_settings, runtime) => {
      const outbox = new OutboxMessaging(join(runtime.dataDir, 'outbox.db'));
      return { messaging: outbox, outbox, close: () => outbox.close() };
    },
  }),
  // WhatsApp Web sessions are banned when they send fast: never more than one message a second, with
  // jitter so that the rhythm does not look automated; 30 s is Waapi's own SDK timeout.
  waapi: define({
    settings: waapiConfigSchema,
    pacing: { minIntervalMs: 1_000, jitterMs: 500, timeoutMs: 30_000 },
    create: createWaapiProvider,
  }),
  gowa: define({
    settings: gowaConfigSchema,
    pacing: { minIntervalMs: 1_000, jitterMs: 500, timeoutMs: 30_000 },
    create: createGowaProvider,
  }),
  // Official APIs where every HSM costs money and no limit is published: 5 to 7 calls a second clears a
  // newsletter run of a few hundred messages in about a minute. A Chat-Tonic campaign is one call.
  cliengo: define({
    settings: cliengoConfigSchema,
    pacing: { minIntervalMs: 150, jitterMs: 50, timeoutMs: 15_000 },
    create: createCliengoProvider,
  }),
  chattonic: define({
    settings: chattonicConfigSchema,
    pacing: { minIntervalMs: 150, jitterMs: 50, timeoutMs: 20_000 },
    create: createChattonicProvider,
  }),
  // An official API: no ban risk, so no jitter; 10 calls a second is far below its published limits.
  botmaker: define({
    settings: botmakerConfigSchema,
    pacing: { minIntervalMs: 100, jitterMs: 0, timeoutMs: 10_000 },
    create: createBotmakerProvider,
  }),
};

export type ProviderId = keyof typeof PROVIDERS;
export const PROVIDER_IDS = Object.keys(PROVIDERS) as [ProviderId, ...ProviderId[]];
