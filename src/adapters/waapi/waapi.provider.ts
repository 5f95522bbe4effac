import type { Clock } from '../../application/ports/clock.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../application/ports/messaging.port.ts';
import type { ReceiptSource } from '../../application/ports/receipt-source.port.ts';
import type { WaapiConfig } from './waapi.config.ts';
import { WaapiMessaging } from './waapi.messaging.adapter.ts';
import { WaapiReceipts } from './waapi.receipts.ts';

export function createWaapiProvider(
  settings: WaapiConfig,
  runtime: { readonly timeoutMs: number; readonly clock: Clock; readonly logger: Logger },
): { messaging: MessagingPort; receipts: ReceiptSource } {
  if (settings.WAAPI_WEBHOOK_TOKEN === undefined) {
    runtime.logger.warn('WAAPI_WEBHOOK_TOKEN is unset: Waapi receipts will be refused, deliveries stay "sent"');
  }
  return { messaging: new WaapiMessaging(settings, runtime), receipts: new WaapiReceipts(settings) };
}
