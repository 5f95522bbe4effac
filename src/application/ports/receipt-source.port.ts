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

export type ReceiptParse =
  | { readonly kind: 'unauthorized' }
  /** Zero receipts for anything unknown or malformed: providers stop calling a webhook that fails. */
  | { readonly kind: 'receipts'; readonly receipts: readonly Receipt[] };

/**
 * The receiving side of a provider's webhooks (Waapi `message_ack`, gowa `message.ack`, Botmaker
 * status). Checks the provider's secret and reads receipts; never throws, whatever the body.
 */
export interface ReceiptSource {
  readonly provider: string;
  parseReceipts(callback: InboundCallback): ReceiptParse;
}
