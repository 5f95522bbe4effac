import { IncomingWebhookNotifier } from '../../../adapters/incoming-webhook/incoming-webhook.notifier.ts';
import type { MessagingPort } from '../../../application/ports/messaging.port.ts';
import type { OperatorNotifier } from '../../../application/ports/operator-notifier.port.ts';
import type { StoppableOperatorAlerts } from '../../../application/services/deferred-operator-alerts.ts';
import { OperatorNotices } from '../../../application/services/operator-notices.ts';
import { WhatsAppOperatorNotifier } from '../../../application/services/whatsapp-operator-notifier.ts';
import { parsePhoneNumber } from '../../../domain/phone/phone-number.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ResolutionContext } from '../typed-container.ts';

/**
 * The notices service and its channels, imported on the first operator event (notices.module.ts): the
 * incoming webhook (OPS_WEBHOOK_URL) and, where `providers` is given, WhatsApp (OPS_WHATSAPP_NUMBERS).
 */
export function operatorNotices(
  context: ResolutionContext<ServiceMap>,
  providers: (() => ReadonlyMap<string, MessagingPort>) | undefined,
): StoppableOperatorAlerts {
  const config = context.get('config');
  const notifiers = notifiersOf(config, providers);
  if (notifiers.length === 0) return { raise: () => undefined, stop: async () => undefined };
  return new OperatorNotices({
    notifiers,
    clock: context.get('clock'),
    logger: context.get('logger'),
    notifyAfterMs: config.OPS_NOTIFY_AFTER_SECONDS * 1_000,
    failureThreshold: config.OPS_FAILURE_THRESHOLD,
    retryMs: config.OPS_NOTIFY_RETRY_SECONDS * 1_000,
  });
}

function notifiersOf(config: ServiceMap['config'], providers: (() => ReadonlyMap<string, MessagingPort>) | undefined): OperatorNotifier[] {
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
