import type { Clock } from '../../application/ports/clock.port.ts';
import type { ConversationWindows } from '../../application/ports/conversation-windows.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../application/ports/messaging.port.ts';
import type { OperatorAlerts } from '../../application/ports/operator-alerts.port.ts';
import type { ReceiptSource } from '../../application/ports/receipt-source.port.ts';
import type { ReplyPort } from '../../application/ports/reply.port.ts';
import type { CloudapiConfig } from './cloudapi.config.ts';
import { CloudApiMessaging } from './cloudapi.messaging.adapter.ts';
import { CloudApiReceipts } from './cloudapi.receipts.ts';
import { TemplateStates } from './cloudapi.template-states.ts';

/** Meta's Cloud API: sends, replies inside the window, and reads its webhooks at /webhooks/cloudapi. */
export function createCloudapiProvider(
  settings: CloudapiConfig,
  runtime: { timeoutMs: number; clock: Clock; logger: Logger; windows: ConversationWindows; alerts: OperatorAlerts },
): { messaging: MessagingPort; receipts: ReceiptSource; replies: ReplyPort } {
  const templates = new TemplateStates();
  const messaging = new CloudApiMessaging(settings, { ...runtime, templates });
  const receipts = new CloudApiReceipts(
    { appSecret: settings.CLOUDAPI_APP_SECRET, verifyToken: settings.CLOUDAPI_VERIFY_TOKEN, templates: settings.CLOUDAPI_TEMPLATES },
    templates,
    runtime.clock,
  );
  return { messaging, receipts, replies: messaging };
}
