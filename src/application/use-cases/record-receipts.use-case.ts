import type { Clock } from '../ports/clock.port.ts';
import type { DeliveryLedger, ReceiptReference } from '../ports/delivery-ledger.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { InboundCallback, ReceiptSource } from '../ports/receipt-source.port.ts';

export type ReceiptsOutcome =
  { readonly kind: 'unauthorized' } | { readonly kind: 'recorded'; readonly received: number; readonly matched: number };

/**
 * Receipts that providers post back move their deliveries to `delivered` / `read`, or to `failed` when the
 * provider reports that a message it took was not delivered.
 */
export class RecordReceipts {
  readonly #deps: { readonly ledger: DeliveryLedger; readonly clock: Clock; readonly logger: Logger };

  constructor(deps: { readonly ledger: DeliveryLedger; readonly clock: Clock; readonly logger: Logger }) {
    this.#deps = deps;
  }

  async execute(source: ReceiptSource, callback: InboundCallback): Promise<ReceiptsOutcome> {
    const parsed = source.parseReceipts(callback);
    if (parsed.kind === 'unauthorized') {
      this.#deps.logger.warn('provider callback refused: bad or missing secret', { provider: source.provider });
      return parsed;
    }
    let matched = 0;
    for (const receipt of parsed.receipts) {
      const reference: ReceiptReference =
        'deliveryId' in receipt
          ? { deliveryId: receipt.deliveryId }
          : { providerMessageId: receipt.providerMessageId, ...(receipt.aliases === undefined ? {} : { aliases: receipt.aliases }) };
      if (await this.#deps.ledger.recordReceipt(source.provider, reference, receipt.status, this.#deps.clock.now(), receipt.error))
        matched++;
    }
    return { kind: 'recorded', received: parsed.receipts.length, matched };
  }
}
