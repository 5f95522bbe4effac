import type { Clock } from '../../../../application/ports/clock.port.ts';
import type { ConversationWindows } from '../../../../application/ports/conversation-windows.port.ts';
import type { DeliveryLedger } from '../../../../application/ports/delivery-ledger.port.ts';
import type { Logger } from '../../../../application/ports/logger.port.ts';
import type { OperatorAlerts } from '../../../../application/ports/operator-alerts.port.ts';
import type { ReplyPort } from '../../../../application/ports/reply.port.ts';
import type { SuppressionList } from '../../../../application/ports/suppression-list.port.ts';
import { HandleInboundMessages } from '../../../../application/use-cases/handle-inbound-messages.use-case.ts';
import { RecordReceipts } from '../../../../application/use-cases/record-receipts.use-case.ts';
import type { AppConfig } from '../../load-config.ts';
import type { ServiceMap } from '../../service-map.ts';
import type { ContainerModule } from '../../typed-container.ts';

/** Providers' receipts and contacts' messages (opt-out words, the 24-hour window). */
export const receiptsModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('handleInboundMessages').toResolvedValue(
      (
        config: AppConfig,
        suppressions: SuppressionList,
        windows: ConversationWindows,
        replies: ReadonlyMap<string, ReplyPort>,
        clock: Clock,
        logger: Logger,
      ) =>
        new HandleInboundMessages({
          suppressions,
          windows,
          replies,
          words: { optOut: config.OPT_OUT_WORDS, optIn: config.OPT_IN_WORDS },
          clock,
          logger,
        }),
      ['config', 'suppressionList', 'conversationWindows', 'replyPorts', 'clock', 'logger'],
    );
    bind('recordReceipts').toResolvedValue(
      (ledger: DeliveryLedger, clock: Clock, logger: Logger, inbound: HandleInboundMessages, alerts: OperatorAlerts) =>
        new RecordReceipts({ ledger, clock, logger, inbound, alerts }),
      ['deliveryLedger', 'clock', 'logger', 'handleInboundMessages', 'operatorAlerts'],
    );
  };
