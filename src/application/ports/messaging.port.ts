import type { OutgoingMessage } from '../../domain/deliveries/message.ts';
import type { SendFailure } from '../../domain/deliveries/send-failure.ts';
import type { PhoneNumber } from '../../domain/phone/phone-number.ts';
import type { Result } from '../../domain/shared/result.ts';

export interface ProviderMessage {
  /** Stable per delivery: providers that deduplicate by key receive it as their idempotency key. */
  readonly deliveryId: string;
  readonly clientId: string | null;
  readonly to: PhoneNumber;
  readonly message: OutgoingMessage;
}

export interface SentMessage {
  /** Which provider took the message (a router may have chosen another than the configured one). */
  readonly provider: string;
  readonly providerMessageId: string | null;
}

export interface ProviderFailure extends SendFailure {
  readonly provider: string;
}

/** What sending one message comes back with: the provider took it, or why not. */
export type SendResult = Result<SentMessage, ProviderFailure>;

export interface SessionState {
  readonly ready: boolean;
  readonly detail: string;
}

/**
 * Sends one WhatsApp message through a provider.
 *
 * `send` never throws for anything the provider did (refusals, rate limits, outages, timeouts): those
 * come back as a {@link ProviderFailure} whose `retryable` flag tells the dispatcher what to do. It
 * throws only for bugs. No credential ever appears in a failure's message.
 */
export interface MessagingPort {
  readonly provider: string;
  send(message: ProviderMessage): Promise<SendResult>;
  /**
   * Present only on providers that take many recipients in one call (a Chat-Tonic campaign, Botmaker's
   * batch): one result per message, in order. Messages of one call share their job and event.
   */
  sendMany?(messages: readonly ProviderMessage[]): Promise<SendResult[]>;
  /** The fewest messages worth one `sendMany` call (a campaign); fewer go one by one, each paced. Default 2. */
  readonly minBatch?: number;
  /** Whether the provider can send now (a WhatsApp Web session may be logged out). */
  session(): Promise<SessionState>;
}
