import type { Clock } from '../../application/ports/clock.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../application/ports/messaging.port.ts';
import type { ReceiptSource } from '../../application/ports/receipt-source.port.ts';
import type { BotmakerConfig } from './botmaker.config.ts';
import { BotmakerMessaging } from './botmaker.messaging.adapter.ts';
import { BotmakerReceipts } from './botmaker.receipts.ts';

/** Botmaker sends templates and posts status webhooks to /webhooks/botmaker. */
export function createBotmakerProvider(
  settings: BotmakerConfig,
  runtime: { timeoutMs: number; clock: Clock; logger: Logger },
): { messaging: MessagingPort; receipts: ReceiptSource } {
  return { messaging: new BotmakerMessaging(settings, runtime), receipts: new BotmakerReceipts(settings.BOTMAKER_WEBHOOK_TOKEN) };
}
