import { join } from 'node:path';
import { createBotmakerProvider } from '../../../adapters/botmaker/botmaker.provider.ts';
import { createCloudapiProvider } from '../../../adapters/cloudapi/cloudapi.provider.ts';
import { createChattonicProvider } from '../../../adapters/chattonic/chattonic.provider.ts';
import { createCliengoProvider } from '../../../adapters/cliengo/cliengo.provider.ts';
import { createGowaProvider } from '../../../adapters/gowa/gowa.provider.ts';
import { OutboxMessaging } from '../../../adapters/outbox/outbox.messaging.adapter.ts';
import { createWaapiProvider } from '../../../adapters/waapi/waapi.provider.ts';
import type { Clock } from '../../../application/ports/clock.port.ts';
import type { ConversationWindows } from '../../../application/ports/conversation-windows.port.ts';
import type { Logger } from '../../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../../application/ports/messaging.port.ts';
import type { OperatorAlerts } from '../../../application/ports/operator-alerts.port.ts';
import type { OutboxReader } from '../../../application/ports/outbox.port.ts';
import type { ReceiptSource } from '../../../application/ports/receipt-source.port.ts';
import type { ReplyPort } from '../../../application/ports/reply.port.ts';
import { withFreeTextReplies } from './free-text-replies.ts';
import type { ProviderId, ProviderSettingsOf } from './provider-catalog.ts';

/** What the composition gives every provider adapter besides its own settings. */
export interface ProviderRuntime {
  readonly dataDir: string;
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** When each contact last wrote (providers that choose between free text and a template). */
  readonly windows: ConversationWindows;
  /** For what a provider's own failures mean to operators (a campaign whose answer was lost, a token refused). */
  readonly alerts: OperatorAlerts;
}

export interface ProviderInstance {
  readonly messaging: MessagingPort;
  /** Present for providers that post delivery receipts back (`/webhooks/<id>`). */
  readonly receipts?: ReceiptSource;
  readonly outbox?: OutboxReader;
  /** Free text to a contact who just wrote (the confirmation of a BAJA), where the provider can send it. */
  readonly replies?: ReplyPort;
  close?(): void;
}

export type ProviderFactory<Id extends ProviderId> = (settings: ProviderSettingsOf<Id>, runtime: ProviderRuntime) => ProviderInstance;

/** How each WhatsApp provider is built from its validated settings (their schemas are in the catalog). */
export const PROVIDER_REGISTRY: { readonly [Id in ProviderId]: ProviderFactory<Id> } = {
  outbox: (_settings, runtime) => {
    const outbox = new OutboxMessaging(join(runtime.dataDir, 'outbox.db'));
    return { messaging: outbox, outbox, close: () => outbox.close() };
  },
  waapi: (settings, runtime) => withFreeTextReplies(createWaapiProvider(settings, runtime)),
  gowa: (settings, runtime) => withFreeTextReplies(createGowaProvider(settings, runtime)),
  cliengo: createCliengoProvider,
  chattonic: createChattonicProvider,
  botmaker: createBotmakerProvider,
  cloudapi: createCloudapiProvider,
};
