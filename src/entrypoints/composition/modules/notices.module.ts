import { DeferredOperatorAlerts } from '../../../application/services/deferred-operator-alerts.ts';
import type { OperatorAlerts } from '../../../application/ports/operator-alerts.port.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

export interface NoticesOptions {
  /** Whether this process sends WhatsApp messages, and so may notify operators on WhatsApp too. */
  readonly whatsapp: boolean;
}

/**
 * Operator notices (issue 10 §6): with OPS_WEBHOOK_URL and/or OPS_WHATSAPP_NUMBERS, what the pipeline
 * raises goes through the notices service to each channel; with neither, raised events go nowhere. The
 * service and its channels are imported on the first event: a healthy start never loads them.
 */
export const noticesModule =
  (options: NoticesOptions): ContainerModule<ServiceMap> =>
  ({ bind, onDeactivation }) => {
    bind('operatorAlerts').toDynamicValue((context): OperatorAlerts => {
      const config = context.get('config');
      const whatsapp = options.whatsapp && config.OPS_WHATSAPP_NUMBERS.length > 0;
      if (config.OPS_WEBHOOK_URL === undefined && !whatsapp) return { raise: () => undefined };
      // Looked up when a notice goes out, not now: the providers may themselves raise operator events.
      const providers = whatsapp ? () => context.get('messagingProviders') : undefined;
      return new DeferredOperatorAlerts(
        async () => (await import('./operator-notices.ts')).operatorNotices(context, providers),
        context.get('logger'),
      );
    });
    onDeactivation('operatorAlerts', async (alerts) => {
      if (alerts instanceof DeferredOperatorAlerts) await alerts.stop();
    });
  };
