import type { Clock } from '../../application/ports/clock.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../application/ports/messaging.port.ts';
import type { ReceiptSource } from '../../application/ports/receipt-source.port.ts';
import type { GowaConfig } from './gowa.config.ts';
import { GowaMessaging } from './gowa.messaging.adapter.ts';
import { GowaReceipts } from './gowa.receipts.ts';

export function createGowaProvider(
  settings: GowaConfig,
  runtime: { readonly timeoutMs: number; readonly clock: Clock; readonly logger: Logger },
): { messaging: MessagingPort; receipts: ReceiptSource } {
  if (settings.GOWA_WEBHOOK_SECRET === undefined) {
    runtime.logger.warn('GOWA_WEBHOOK_SECRET is unset: gowa receipts will be refused, deliveries stay "sent"');
  }
  if (settings.GOWA_USERNAME === undefined) runtime.logger.warn('gowa is called without basic auth (GOWA_USERNAME/GOWA_PASSWORD unset)');
  return { messaging: new GowaMessaging(settings, runtime), receipts: new GowaReceipts(settings) };
}
