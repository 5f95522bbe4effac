import { resolve } from 'node:path';
import type { ContainerModule } from '../typed-container.ts';
import { FolderWriteProbe } from '../../../adapters/fs/fs.write-probe.ts';
import type { Clock } from '../../../application/ports/clock.port.ts';
import type { ClientDirectory, ClientRegistry } from '../../../application/ports/client-directory.port.ts';
import type { ConversationWindows } from '../../../application/ports/conversation-windows.port.ts';
import type { DeliveryLedger } from '../../../application/ports/delivery-ledger.port.ts';
import type { DispatchQueue } from '../../../application/ports/dispatch-queue.port.ts';
import type { JobQueue } from '../../../application/ports/job-queue.port.ts';
import type { Logger } from '../../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../../application/ports/messaging.port.ts';
import type { NewsletterSource } from '../../../application/ports/newsletter-source.port.ts';
import type { OperatorAlerts } from '../../../application/ports/operator-alerts.port.ts';
import type { PushPort } from '../../../application/ports/push.port.ts';
import type { ReadinessProbe } from '../../../application/ports/readiness.port.ts';
import type { BoundedReportRenderer } from '../../../application/ports/bounded-report-renderer.port.ts';
import type { ReplyPort } from '../../../application/ports/reply.port.ts';
import type { ReportStorage } from '../../../application/ports/report-storage.port.ts';
import type { SuppressionList } from '../../../application/ports/suppression-list.port.ts';
import { DeliveryIntake } from '../../../application/services/delivery-intake.ts';
import { ProviderOutages } from '../../../application/services/provider-outages.ts';
import { AcceptMeltwaterAlert } from '../../../application/use-cases/accept-meltwater-alert.use-case.ts';
import { CheckReadiness } from '../../../application/use-cases/check-readiness.use-case.ts';
import { HandleInboundMessages } from '../../../application/use-cases/handle-inbound-messages.use-case.ts';
import { ManageSuppressions } from '../../../application/use-cases/manage-suppressions.use-case.ts';
import { DispatchDelivery } from '../../../application/use-cases/dispatch-delivery.use-case.ts';
import { ExpireStaleDeliveries } from '../../../application/use-cases/expire-stale-deliveries.use-case.ts';
import { ManageClients } from '../../../application/use-cases/manage-clients.use-case.ts';
import { ProcessOfflineAlerts } from '../../../application/use-cases/process-offline-alerts.use-case.ts';
import { ProcessOfflineReport } from '../../../application/use-cases/process-offline-report.use-case.ts';
import { PurgeDeliveries } from '../../../application/use-cases/purge-deliveries.use-case.ts';
import { RecordReceipts } from '../../../application/use-cases/record-receipts.use-case.ts';
import { ResendDeliveries } from '../../../application/use-cases/resend-deliveries.use-case.ts';
import { QueryDeliveries } from '../../../application/use-cases/query-deliveries.use-case.ts';
import type { NewsletterRunLog } from '../../../application/ports/newsletter-run-log.port.ts';
import { RecordedNewsletterRuns } from '../../../application/use-cases/recorded-newsletter-runs.use-case.ts';
import { RunNewsletters } from '../../../application/use-cases/run-newsletters.use-case.ts';
import { SendTestMessage } from '../../../application/use-cases/send-test-message.use-case.ts';
import { SweepDueDeliveries } from '../../../application/use-cases/sweep-due-deliveries.use-case.ts';
import { SubmitQueueMessage } from '../../../application/use-cases/submit-queue-message.use-case.ts';
import { DEFAULT_ASSETS } from '../../shared/default-assets.ts';
import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';

const READINESS_TIMEOUT_MS = 3_000;
/** Outage failures in a row, with no send getting through, after which a provider counts as down. */
const OUTAGE_THRESHOLD = 3;
/** Longer than a dispatcher takes to pick up what is published, so that only stranded deliveries are swept. */
const SWEEP_GRACE_MS = 5 * 60_000;

/** The use cases, built from the ports the adapter modules bound. Plain classes: no decorators reach the core. */
export const useCasesModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('deliveryIntake').toResolvedValue(
      (ledger: DeliveryLedger, dispatchQueue: DispatchQueue, clock: Clock) =>
        new DeliveryIntake({ ledger, dispatchQueue, clock, yieldToEventLoop: () => new Promise((resolve) => setImmediate(resolve)) }),
      ['deliveryLedger', 'dispatchQueue', 'clock'],
    );

    bind('acceptMeltwaterAlert').toResolvedValue(
      (config: AppConfig, directory: ClientDirectory, intake: DeliveryIntake, logger: Logger) =>
        new AcceptMeltwaterAlert({
          directory,
          intake,
          logger,
          defaultCountryCode: config.DEFAULT_COUNTRY_CODE,
          maxDeliveries: config.WEBHOOK_MAX_DELIVERIES,
        }),
      ['config', 'clientDirectory', 'deliveryIntake', 'logger'],
    );

    bind('runNewsletters').toResolvedValue(
      (
        config: AppConfig,
        directory: ClientDirectory,
        source: NewsletterSource,
        renderer: BoundedReportRenderer,
        storage: ReportStorage,
        intake: DeliveryIntake,
        logger: Logger,
      ) =>
        new RunNewsletters({
          directory,
          source,
          renderer,
          storage,
          intake,
          logger,
          defaultCountryCode: config.DEFAULT_COUNTRY_CODE,
          publicMediaBaseUrl: config.PUBLIC_MEDIA_BASE_URL,
          previewImageUrl: previewImage(config),
          concurrency: config.NEWSLETTER_CONCURRENCY,
        }),
      ['config', 'clientDirectory', 'newsletterSource', 'reportRenderer', 'reportStorage', 'deliveryIntake', 'logger'],
    );

    bind('newsletterRuns').toResolvedValue(
      (run: RunNewsletters, log: NewsletterRunLog, alerts: OperatorAlerts, clock: Clock, logger: Logger) =>
        new RecordedNewsletterRuns({ run, log, alerts, clock, logger }),
      ['runNewsletters', 'newsletterRunLog', 'operatorAlerts', 'clock', 'logger'],
    );

    bind('processOfflineReport').toResolvedValue(
      (
        config: AppConfig,
        storage: ReportStorage,
        renderer: BoundedReportRenderer,
        intake: DeliveryIntake,
        directory: ClientDirectory,
        logger: Logger,
      ) =>
        new ProcessOfflineReport({
          storage,
          renderer,
          intake,
          directory,
          logger,
          defaultCountryCode: config.DEFAULT_COUNTRY_CODE,
          publicMediaBaseUrl: config.PUBLIC_MEDIA_BASE_URL,
          headerImageUrl: headerImage(config),
          footerImageUrl: config.REPORT_FOOTER_IMAGE_URL ?? `${config.PUBLIC_MEDIA_BASE_URL}/${DEFAULT_ASSETS.footer}`,
          previewImageUrl: previewImage(config),
        }),
      ['config', 'reportStorage', 'reportRenderer', 'deliveryIntake', 'clientDirectory', 'logger'],
    );

    bind('processOfflineAlerts').toResolvedValue(
      (config: AppConfig, intake: DeliveryIntake, logger: Logger) =>
        new ProcessOfflineAlerts({
          intake,
          logger,
          defaultCountryCode: config.DEFAULT_COUNTRY_CODE,
          appBaseUrl: config.APP_BASE_URL,
          // Decided by configuration, not by the push adapter: a function that only queues needs no adapter.
          pushEnabled: config.ONESIGNAL_APP_ID !== undefined && config.ONESIGNAL_API_KEY !== undefined,
        }),
      ['config', 'deliveryIntake', 'logger'],
    );

    bind('providerOutages').toResolvedValue(
      (config: AppConfig, ledger: DeliveryLedger, dispatchQueue: DispatchQueue, alerts: OperatorAlerts, clock: Clock, logger: Logger) =>
        new ProviderOutages({
          ledger,
          dispatchQueue,
          alerts,
          clock,
          logger: logger.child({ component: 'provider-outages' }),
          firstProbeMs: Math.min(config.DISPATCH_RETRY_BASE_MS, config.DISPATCH_PROBE_MAX_MS),
          maxProbeMs: config.DISPATCH_PROBE_MAX_MS,
          threshold: OUTAGE_THRESHOLD,
          probeHoldMs: config.DISPATCH_LEASE_MS,
          random: Math.random,
        }),
      ['config', 'deliveryLedger', 'dispatchQueue', 'operatorAlerts', 'clock', 'logger'],
    );

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

    bind('resendDeliveries').toResolvedValue(
      (ledger: DeliveryLedger, dispatchQueue: DispatchQueue, clock: Clock, logger: Logger) =>
        new ResendDeliveries({ ledger, dispatchQueue, clock, logger }),
      ['deliveryLedger', 'dispatchQueue', 'clock', 'logger'],
    );

    bind('expireStaleDeliveries').toResolvedValue(
      (config: AppConfig, ledger: DeliveryLedger, clock: Clock, logger: Logger, alerts: OperatorAlerts) =>
        new ExpireStaleDeliveries({ ledger, clock, logger, alerts, maxAgeHours: config.DELIVERY_MAX_AGE_HOURS }),
      ['config', 'deliveryLedger', 'clock', 'logger', 'operatorAlerts'],
    );

    bind('sweepDueDeliveries').toResolvedValue(
      (ledger: DeliveryLedger, dispatchQueue: DispatchQueue, clock: Clock) =>
        new SweepDueDeliveries({ ledger, dispatchQueue, clock, graceMs: SWEEP_GRACE_MS, batch: 500 }),
      ['deliveryLedger', 'dispatchQueue', 'clock'],
    );

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
    bind('manageSuppressions').toResolvedValue(
      (config: AppConfig, suppressions: SuppressionList, clock: Clock, logger: Logger) =>
        new ManageSuppressions({ suppressions, clock, logger, defaultCountryCode: config.DEFAULT_COUNTRY_CODE }),
      ['config', 'suppressionList', 'clock', 'logger'],
    );

    bind('manageClients').toResolvedValue(
      (config: AppConfig, directory: ClientDirectory, registry: ClientRegistry | null, logger: Logger) =>
        new ManageClients({ directory, registry, logger, defaultCountryCode: config.DEFAULT_COUNTRY_CODE }),
      ['config', 'clientDirectory', 'clientRegistry', 'logger'],
    );

    bind('queryDeliveries').toResolvedValue((ledger: DeliveryLedger) => new QueryDeliveries(ledger), ['deliveryLedger']);
    bind('submitQueueMessage').toResolvedValue((queue: JobQueue) => new SubmitQueueMessage(queue), ['jobQueue']);
    bind('purgeDeliveries').toResolvedValue(
      (config: AppConfig, ledger: DeliveryLedger, clock: Clock) =>
        new PurgeDeliveries({ ledger, clock, retentionDays: config.DELIVERY_RETENTION_DAYS }),
      ['config', 'deliveryLedger', 'clock'],
    );
    bind('sendTestMessage').toResolvedValue(
      (config: AppConfig, messaging: MessagingPort, clock: Clock) => new SendTestMessage(messaging, config.DEFAULT_COUNTRY_CODE, clock),
      ['config', 'messaging', 'clock'],
    );

    bind('readinessProbes').toResolvedValue(
      (
        config: AppConfig,
        ledger: DeliveryLedger,
        messaging: MessagingPort,
        clock: Clock,
        reports: ReportStorage,
        queue: JobQueue,
      ): ReadinessProbe[] => [
        { name: 'store', check: async () => (await ledger.due(clock.now(), 1), { ok: true, detail: 'reachable' }) },
        {
          name: 'provider',
          check: async () => {
            const session = await messaging.session();
            return { ok: session.ready, detail: session.detail };
          },
        },
        // Remote report stores and queues (S3, SQS) say themselves whether they answer.
        ...[reports as object, queue as object].filter(isReadinessProbe),
        // What lives in DATA_DIR (the embedded database, report files) answers reads on a full disk, not writes.
        ...(usesDataDir(config) ? [new FolderWriteProbe(resolve(config.DATA_DIR))] : []),
      ],
      ['config', 'deliveryLedger', 'messaging', 'clock', 'reportStorage', 'jobQueue'],
    );
    bind('checkReadiness').toResolvedValue(
      (probes: ReadinessProbe[]) => new CheckReadiness(probes, READINESS_TIMEOUT_MS),
      ['readinessProbes'],
    );
  };

function headerImage(config: AppConfig): string {
  return config.REPORT_HEADER_IMAGE_URL ?? `${config.PUBLIC_MEDIA_BASE_URL}/${DEFAULT_ASSETS.header}`;
}

/** The link preview card; a header image set by CVT is its own preview until a card is set too. */
function previewImage(config: AppConfig): string {
  if (config.REPORT_PREVIEW_IMAGE_URL !== undefined) return config.REPORT_PREVIEW_IMAGE_URL;
  return config.REPORT_HEADER_IMAGE_URL ?? `${config.PUBLIC_MEDIA_BASE_URL}/${DEFAULT_ASSETS.preview}`;
}

function usesDataDir(config: AppConfig): boolean {
  return config.STORE === 'sqlite' || config.QUEUE === 'local' || config.REPORT_STORE === 'fs';
}

function isReadinessProbe(candidate: object): candidate is ReadinessProbe {
  return 'check' in candidate && typeof candidate.check === 'function' && 'name' in candidate && typeof candidate.name === 'string';
}
