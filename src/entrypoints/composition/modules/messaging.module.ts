import type { Clock } from '../../../application/ports/clock.port.ts';
import type { ClientDirectory } from '../../../application/ports/client-directory.port.ts';
import type { ConversationWindows } from '../../../application/ports/conversation-windows.port.ts';
import type { Logger } from '../../../application/ports/logger.port.ts';
import type { OperatorAlerts } from '../../../application/ports/operator-alerts.port.ts';
import type { AppConfig } from '../load-config.ts';
import { buildProviders, loadProviders, type BuiltProviders } from '../providers/build-providers.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

/**
 * The WhatsApp providers in use, behind one router; chosen by configuration only, whose adapters are
 * imported here, before the container resolves anything.
 */
export async function messagingModule(config: AppConfig): Promise<ContainerModule<ServiceMap>> {
  const loaded = await loadProviders(config);
  return ({ bind, onDeactivation }) => {
    let built: BuiltProviders | undefined;
    const providers = (
      config: AppConfig,
      clock: Clock,
      logger: Logger,
      directory: ClientDirectory,
      windows: ConversationWindows,
      alerts: OperatorAlerts,
    ) => (built ??= buildProviders(loaded, config, clock, logger, directory, { windows, alerts }));
    const dependencies = ['config', 'clock', 'logger', 'clientDirectory', 'conversationWindows', 'operatorAlerts'] as const;
    bind('messaging').toResolvedValue((...args: Parameters<typeof providers>) => providers(...args).messaging, [...dependencies]);
    bind('messagingProviders').toResolvedValue((...args: Parameters<typeof providers>) => providers(...args).byProvider, [...dependencies]);
    bind('outbox').toResolvedValue((...args: Parameters<typeof providers>) => providers(...args).outbox, [...dependencies]);
    bind('receiptSources').toResolvedValue((...args: Parameters<typeof providers>) => providers(...args).receiptSources, [...dependencies]);
    bind('replyPorts').toResolvedValue((...args: Parameters<typeof providers>) => providers(...args).replyPorts, [...dependencies]);
    onDeactivation('messaging', () => built?.close());
  };
}
