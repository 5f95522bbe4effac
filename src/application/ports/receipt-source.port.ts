import type { Result } from '../../domain/shared/result.ts';

/** A provider's callback as it arrived: the raw bytes are kept for signature checks. */
export interface InboundCallback {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly rawBody: Uint8Array;
}

export type ReceiptStatus = 'delivered' | 'read' | 'failed';

/**
 * A delivery or read receipt, or a late failure (Waapi `ack: -1`) with its `error`, pointing at a delivery
 * by the provider's message id (with `aliases`, other forms the same id may take, any of which may be the
 * one recorded at sending) or by our own id.
 */
export type Receipt =
  | {
      readonly status: ReceiptStatus;
      readonly providerMessageId: string;
      readonly aliases?: readonly string[];
      readonly error?: string;
    }
  | { readonly status: ReceiptStatus; readonly deliveryId: string; readonly error?: string };

/** A message a contact wrote to us (never our own messages echoed back by a gateway). */
export interface InboundMessage {
  /** The sender in E.164 (`+` and digits); senders without a phone number (`…@lid`, usernames) are left out. */
  readonly from: string;
  /** The typed text, or the label or payload of a tapped quick-reply button. */
  readonly text: string;
  readonly at: Date;
}

/**
 * WhatsApp telling us a contact stopped (or resumed) our marketing messages: Cloud API `user_preferences`,
 * or a send refused with 131050 (docs/contracts/providers/cloudapi.md §5).
 */
export interface MarketingPreference {
  /** E.164. */
  readonly from: string;
  readonly value: 'stop' | 'resume';
  readonly at: Date;
  /** Which signal said so, for the log. */
  readonly signal: string;
}

/** Meta changed the status of one of our templates (`message_template_status_update`, docs/contracts/providers/cloudapi.md §3.5). */
export interface TemplateStatusChange {
  readonly template: string;
  readonly language: string | null;
  /** `PAUSED`, `DISABLED`, `APPROVED`, `REINSTATED`, … as Meta names it. */
  readonly event: string;
  readonly reason: string | null;
  /** The jobs configured with this template. */
  readonly jobs: readonly string[];
}

/** What an authenticated callback says; zero receipts for anything unknown or malformed: providers stop calling a webhook that fails. */
interface CallbackReadings {
  readonly receipts: readonly Receipt[];
  readonly inbound?: readonly InboundMessage[];
  readonly templates?: readonly TemplateStatusChange[];
  readonly preferences?: readonly MarketingPreference[];
}

/** A callback's readings, or `unauthorized` when its secret does not check. */
export type ReceiptParse = Result<CallbackReadings, 'unauthorized'>;

/** The challenge to echo back (Meta's webhook verification), or `refused`. */
export type SubscriptionCheck = Result<string, 'refused'>;

/**
 * The receiving side of a provider's webhooks (Waapi `message_ack`, gowa `message.ack`, Botmaker
 * status, Cloud API statuses): checks the provider's secret and reads receipts, and the contacts'
 * own messages where the provider reports them; never throws, whatever the body.
 */
export interface ReceiptSource {
  readonly provider: string;
  parseReceipts(callback: InboundCallback): ReceiptParse;
  /** Providers that verify a callback URL before using it (Meta's `hub.challenge` GET). */
  verifySubscription?(query: InboundCallback['query']): SubscriptionCheck;
}
