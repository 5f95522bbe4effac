import type { Clock } from '../../../application/ports/clock.port.ts';
import type { ConversationWindows } from '../../../application/ports/conversation-windows.port.ts';
import type { Logger } from '../../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../../application/ports/messaging.port.ts';
import type { OperatorAlerts } from '../../../application/ports/operator-alerts.port.ts';
import type { OutboxReader } from '../../../application/ports/outbox.port.ts';
import type { ReceiptSource } from '../../../application/ports/receipt-source.port.ts';
import type { ReplyPort } from '../../../application/ports/reply.port.ts';

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

/** How one provider is built from its validated settings: each adapter folder's `create<Id>Provider`. */
export type ProviderFactory<Settings> = (settings: Settings, runtime: ProviderRuntime) => ProviderInstance;
