import { ok, type Result } from '../../domain/shared/result.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { DeliveryLedger, ReceiptReference } from '../ports/delivery-ledger.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { OperatorAlerts } from '../ports/operator-alerts.port.ts';
import type { InboundCallback, ReceiptSource } from '../ports/receipt-source.port.ts';
import type { HandleInboundMessages } from './handle-inbound-messages.use-case.ts';

/** How many receipts came and how many matched a delivery, or `unauthorized` when the callback's secret does not check. */
export type ReceiptsOutcome = Result<{ readonly received: number; readonly matched: number }, 'unauthorized'>;

export interface RecordReceiptsDeps {
  readonly ledger: DeliveryLedger;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Contacts' own messages (opt-outs, service windows); absent where nothing reads them. */
  readonly inbound?: HandleInboundMessages;
  readonly alerts?: OperatorAlerts;
}

/**
 * What providers post back: delivery and read receipts (and late failures) move their deliveries forward;
 * contacts' messages go to {@link HandleInboundMessages}; a template Meta paused or disabled is told to operators.
 */
export class RecordReceipts {
  readonly #deps: RecordReceiptsDeps;

  constructor(deps: RecordReceiptsDeps) {
    this.#deps = deps;
  }

  async execute(source: ReceiptSource, callback: InboundCallback): Promise<ReceiptsOutcome> {
    const checked = source.parseReceipts(callback);
    if (!checked.ok) {
      this.#deps.logger.warn('provider callback refused: bad or missing secret', { provider: source.provider });
      return checked;
    }
    const parsed = checked.value;
    let matched = 0;
    for (const receipt of parsed.receipts) {
      const reference: ReceiptReference =
        'deliveryId' in receipt
          ? { deliveryId: receipt.deliveryId }
          : { providerMessageId: receipt.providerMessageId, ...(receipt.aliases === undefined ? {} : { aliases: receipt.aliases }) };
      if (await this.#deps.ledger.recordReceipt(source.provider, reference, receipt.status, this.#deps.clock.now(), receipt.error))
        matched++;
    }
    if (parsed.inbound !== undefined && parsed.inbound.length > 0 && this.#deps.inbound !== undefined)
      await this.#deps.inbound.execute(source.provider, parsed.inbound);
    if (parsed.preferences !== undefined && parsed.preferences.length > 0 && this.#deps.inbound !== undefined)
      await this.#deps.inbound.marketingPreferences(source.provider, parsed.preferences);
    for (const change of parsed.templates ?? []) {
      this.#deps.logger.warn('template status changed at the provider', {
        provider: source.provider,
        template: change.template,
        event: change.event,
      });
      this.#deps.alerts?.raise({
        kind: 'template-status-changed',
        provider: source.provider,
        template: change.template,
        event: change.event,
        jobs: change.jobs,
        at: this.#deps.clock.now(),
      });
    }
    return ok({ received: parsed.receipts.length, matched });
  }
}
