import { join } from 'node:path';
import type { z } from 'zod';
import { outboxConfigSchema } from '../../../adapters/outbox/outbox.config.ts';
import { OutboxMessaging } from '../../../adapters/outbox/outbox.messaging.adapter.ts';
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
};

export type ProviderId = keyof typeof PROVIDERS;
export const PROVIDER_IDS = Object.keys(PROVIDERS) as [ProviderId, ...ProviderId[]];
