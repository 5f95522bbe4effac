import type { Clock } from '../../application/ports/clock.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { OperatorAlerts } from '../../application/ports/operator-alerts.port.ts';
import type { MessagingPort } from '../../application/ports/messaging.port.ts';
import type { ChattonicConfig } from './chattonic.config.ts';
import { ChattonicMessaging } from './chattonic.messaging.adapter.ts';

/** Chat-Tonic documents no delivery webhook (docs/contracts/providers/chattonic.md §3): messaging only. */
export function createChattonicProvider(
  settings: ChattonicConfig,
  runtime: { timeoutMs: number; clock: Clock; logger: Logger; alerts: OperatorAlerts },
): { messaging: MessagingPort } {
  return { messaging: new ChattonicMessaging(settings, runtime) };
}
