import { IncomingWebhookNotifier } from '../../../adapters/incoming-webhook/incoming-webhook.notifier.ts';
import type { MessagingPort } from '../../../application/ports/messaging.port.ts';
import type { OperatorAlerts } from '../../../application/ports/operator-alerts.port.ts';
import type { OperatorNotifier } from '../../../application/ports/operator-notifier.port.ts';
import { OperatorNotices } from '../../../application/services/operator-notices.ts';
import { WhatsAppOperatorNotifier } from '../../../application/services/whatsapp-operator-notifier.ts';
import { parsePhoneNumber } from '../../../domain/phone/phone-number.ts';
import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

export interface NoticesOptions {
  /** Whether this process sends WhatsApp messages, and so may notify operators on WhatsApp too. */
  readonly whatsapp: boolean;
}

/**
 * Operator notices (issue 10 §6): with OPS_WEBHOOK_URL and/or OPS_WHATSAPP_NUMBERS, what the pipeline
 * raises goes through the notices service to each channel; with neither, raised events go nowhere.
 */
export const noticesModule =
  (options: NoticesOptions): ContainerModule<ServiceMap> =>
  ({ bind, onDeactivation }) => {
    bind('operatorAlerts').toDynamicValue((context): OperatorAlerts => {
      const config = context.get('config');
      // Looked up when a notice goes out, not now: the providers may themselves raise operator events.
      const providers = () => context.get('messagingProviders');
      const notifiers = notifiersOf(config, options.whatsapp ? providers : undefined);
      if (notifiers.length === 0) return { raise: () => undefined };
      return new OperatorNotices({
        notifiers,
        clock: context.get('clock'),
        logger: context.get('logger'),
        notifyAfterMs: config.OPS_NOTIFY_AFTER_SECONDS * 1_000,
        failureThreshold: config.OPS_FAILURE_THRESHOLD,
        retryMs: config.OPS_NOTIFY_RETRY_SECONDS * 1_000,
      });
    });
    onDeactivation('operatorAlerts', async (alerts: OperatorAlerts) => {
      if (alerts instanceof OperatorNotices) await alerts.stop();
    });
  };

function notifiersOf(config: AppConfig, providers: (() => ReadonlyMap<string, MessagingPort>) | undefined): OperatorNotifier[] {
  const notifiers: OperatorNotifier[] = [];
  if (config.OPS_WEBHOOK_URL !== undefined) notifiers.push(new IncomingWebhookNotifier(config.OPS_WEBHOOK_URL));
  if (providers === undefined) return notifiers;
  for (const number of config.OPS_WHATSAPP_NUMBERS) {
    const to = parsePhoneNumber(number, config.DEFAULT_COUNTRY_CODE);
    if (!to.ok) continue;
    const notifier = new WhatsAppOperatorNotifier({
      to: to.value,
      provider: (id) => providers().get(id),
      primary: config.WHATSAPP_PROVIDER,
      fallback: config.WHATSAPP_FALLBACK_PROVIDER ?? null,
    });
    notifiers.push(notifier);
  }
  return notifiers;
}
