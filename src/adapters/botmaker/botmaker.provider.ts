import type { Clock } from '../../application/ports/clock.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../application/ports/messaging.port.ts';
import type { ReceiptSource } from '../../application/ports/receipt-source.port.ts';
import type { ReplyPort } from '../../application/ports/reply.port.ts';
import type { BotmakerConfig } from './botmaker.config.ts';
import { BotmakerMessaging } from './botmaker.messaging.adapter.ts';
import { BotmakerReceipts } from './botmaker.receipts.ts';

/** Botmaker sends templates, replies with free text inside the window, and posts webhooks to /webhooks/botmaker. */
export function createBotmakerProvider(
  settings: BotmakerConfig,
  runtime: { timeoutMs: number; clock: Clock; logger: Logger },
): { messaging: MessagingPort; receipts: ReceiptSource; replies: ReplyPort } {
  const messaging = new BotmakerMessaging(settings, runtime);
  return { messaging, receipts: new BotmakerReceipts(settings.BOTMAKER_WEBHOOK_TOKEN), replies: messaging };
}
