import type { Clock } from '../../../../application/ports/clock.port.ts';
import type { DeliveryLedger } from '../../../../application/ports/delivery-ledger.port.ts';
import type { Logger } from '../../../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../../../application/ports/messaging.port.ts';
import type { OperatorAlerts } from '../../../../application/ports/operator-alerts.port.ts';
import type { PushPort } from '../../../../application/ports/push.port.ts';
import type { SuppressionList } from '../../../../application/ports/suppression-list.port.ts';
import { ProviderOutages } from '../../../../application/services/provider-outages.ts';
import { DispatchDelivery } from '../../../../application/use-cases/dispatch-delivery.use-case.ts';
import type { AppConfig } from '../../load-config.ts';
import type { ServiceMap } from '../../service-map.ts';
import type { ContainerModule } from '../../typed-container.ts';

/** Outage failures in a row, with no send getting through, after which a provider counts as down. */
const OUTAGE_THRESHOLD = 3;

/** Sending each delivery, and holding back those of a provider that is down. */
export const dispatchModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    // The tracker publishes only when a provider comes back: the dispatch queue (on Lambda, the SQS client) is
    // reached then, so a dispatcher whose sends go out never builds it (bench/notes/lean-cli-and-light-lambdas.md).
    bind('providerOutages').toDynamicValue((context) => {
      const config = context.get('config');
      return new ProviderOutages({
        ledger: context.get('deliveryLedger'),
        dispatchQueue: { publish: (deliveryIds) => context.get('dispatchQueue').publish(deliveryIds) },
        alerts: context.get('operatorAlerts'),
        clock: context.get('clock'),
        logger: context.get('logger').child({ component: 'provider-outages' }),
        firstProbeMs: Math.min(config.DISPATCH_RETRY_BASE_MS, config.DISPATCH_PROBE_MAX_MS),
        maxProbeMs: config.DISPATCH_PROBE_MAX_MS,
        threshold: OUTAGE_THRESHOLD,
        probeHoldMs: config.DISPATCH_LEASE_MS,
        random: Math.random,
      });
    });
    bind('dispatchDelivery').toResolvedValue(
      (
        config: AppConfig,
        ledger: DeliveryLedger,
        messaging: MessagingPort,
        push: PushPort | null,
        clock: Clock,
        logger: Logger,
        outages: ProviderOutages,
        alerts: OperatorAlerts,
        suppressions: SuppressionList,
      ) =>
        new DispatchDelivery({
          suppressions,
          ledger,
          messaging,
          push,
          clock,
          logger,
          retryPolicy: {
            maxAttempts: config.DISPATCH_MAX_ATTEMPTS,
            baseDelayMs: config.DISPATCH_RETRY_BASE_MS,
            maxDelayMs: config.DISPATCH_RETRY_MAX_MS,
          },
          leaseMs: config.DISPATCH_LEASE_MS,
          random: Math.random,
          outages,
          alerts,
          maxAgeHours: config.DELIVERY_MAX_AGE_HOURS,
        }),
      ['config', 'deliveryLedger', 'messaging', 'push', 'clock', 'logger', 'providerOutages', 'operatorAlerts', 'suppressionList'],
    );
  };
