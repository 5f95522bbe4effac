/** A provider's callback as it arrived: the raw bytes are kept for signature checks. */
export interface InboundCallback {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly rawBody: Uint8Array;
}

/**
 * Which delivery a receipt is about: the provider's message id (with the other forms the same id may take,
 * any of which may be the one recorded at sending), or our own delivery id.
 */
export type ReceiptTarget = { readonly providerMessageId: string; readonly aliases?: readonly string[] } | { readonly deliveryId: string };

/** A delivery or read receipt, or the provider saying a message it took was not delivered, and why. */
export type Receipt = ReceiptTarget & ({ readonly status: 'delivered' | 'read' } | { readonly status: 'failed'; readonly reason: string });

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
