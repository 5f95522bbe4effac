import type { DeadLetterRedrive } from '../../application/ports/dead-letter-redrive.port.ts';
import type { DeliveryLedger } from '../../application/ports/delivery-ledger.port.ts';
import type { DeadLetterReader } from '../../application/ports/job-queue.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { OutboxReader } from '../../application/ports/outbox.port.ts';
import type { ReceiptSource } from '../../application/ports/receipt-source.port.ts';
import type { ReportStorage } from '../../application/ports/report-storage.port.ts';
import type { AcceptMeltwaterAlert } from '../../application/use-cases/accept-meltwater-alert.use-case.ts';
import type { CheckReadiness } from '../../application/use-cases/check-readiness.use-case.ts';
import type { ManageSuppressions } from '../../application/use-cases/manage-suppressions.use-case.ts';
import type { ManageClients } from '../../application/use-cases/manage-clients.use-case.ts';
import type { RecordReceipts } from '../../application/use-cases/record-receipts.use-case.ts';
import type { ProviderOutages } from '../../application/services/provider-outages.ts';
import type { ResendDeliveries } from '../../application/use-cases/resend-deliveries.use-case.ts';
import type { QueryDeliveries } from '../../application/use-cases/query-deliveries.use-case.ts';
import type { SendTestMessage } from '../../application/use-cases/send-test-message.use-case.ts';
import type { NewsletterRunLog } from '../../application/ports/newsletter-run-log.port.ts';
import type { RecordedNewsletterRuns } from '../../application/use-cases/recorded-newsletter-runs.use-case.ts';
import type { SubmitQueueMessage } from '../../application/use-cases/submit-queue-message.use-case.ts';
import type { AppContainer } from '../composition/container.ts';
import { PROVIDER_IDS } from '../composition/providers/provider-ids.ts';
import { pacingOf, type Pacing } from '../composition/providers/provider-runtime.ts';

/** What the HTTP routes use, resolved once from the container. */
export interface HttpDependencies {
  readonly adminToken: string | undefined;
  readonly webhookToken: string | undefined;
  readonly hookSecret: string | undefined;
  readonly webhookRateLimitPerMinute: number;
  readonly webhookMaxMentions: number;
  readonly logger: Logger;
  readonly acceptMeltwaterAlert: AcceptMeltwaterAlert;
  readonly newsletterRuns: RecordedNewsletterRuns;
  readonly newsletterRunLog: NewsletterRunLog;
  readonly manageClients: ManageClients;
  readonly queryDeliveries: QueryDeliveries;
  readonly resendDeliveries: ResendDeliveries;
  readonly submitQueueMessage: SubmitQueueMessage;
  readonly checkReadiness: CheckReadiness;
  readonly reportStorage: ReportStorage;
  readonly ledger: DeliveryLedger;
  readonly outbox: OutboxReader | null;
  readonly deadLetters: DeadLetterReader | null;
  readonly deadLetterRedrive: DeadLetterRedrive;
  readonly recordReceipts: RecordReceipts;
  readonly receiptSources: ReadonlyMap<string, ReceiptSource>;
  readonly manageSuppressions: ManageSuppressions;
  /** Providers a client may be set to use (those configured in this deployment). */
  readonly providers: readonly string[];
  /** The configured provider (WHATSAPP_PROVIDER). */
  readonly provider: string;
  readonly sendTestMessage: SendTestMessage;
  readonly consoleSessionHours: number;
  /** Which providers are down now, for the console's summary. */
  readonly providerOutages: ProviderOutages;
  /** Each provider's pace (shortest time between two sends). */
  readonly providerPacing: Readonly<Record<string, Pacing>>;
  readonly defaultCountryCode: string;
  /** Where the shipped images (assets/) are, or null where none are served. */
  readonly assetsDirectory: string | null;
}

export function resolveHttpDependencies(container: AppContainer, assetsDirectory: string | null = null): HttpDependencies {
  const config = container.get('config');
  return {
    adminToken: config.ADMIN_TOKEN,
    webhookToken: config.MELTWATER_WEBHOOK_TOKEN,
    hookSecret: config.MELTWATER_HOOK_SECRET,
    webhookRateLimitPerMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE,
    webhookMaxMentions: config.WEBHOOK_MAX_MENTIONS,
    logger: container.get('logger'),
    acceptMeltwaterAlert: container.get('acceptMeltwaterAlert'),
    newsletterRuns: container.get('newsletterRuns'),
    newsletterRunLog: container.get('newsletterRunLog'),
    manageClients: container.get('manageClients'),
    queryDeliveries: container.get('queryDeliveries'),
    resendDeliveries: container.get('resendDeliveries'),
    submitQueueMessage: container.get('submitQueueMessage'),
    checkReadiness: container.get('checkReadiness'),
    reportStorage: container.get('reportStorage'),
    ledger: container.get('deliveryLedger'),
    outbox: container.get('outbox'),
    deadLetters: container.get('deadLetterReader'),
    deadLetterRedrive: container.get('deadLetterRedrive'),
    recordReceipts: container.get('recordReceipts'),
    receiptSources: container.get('receiptSources'),
    manageSuppressions: container.get('manageSuppressions'),
    providers: Object.keys(config.providers),
    provider: config.WHATSAPP_PROVIDER,
    sendTestMessage: container.get('sendTestMessage'),
    consoleSessionHours: config.CONSOLE_SESSION_HOURS,
    providerOutages: container.get('providerOutages'),
    providerPacing: Object.fromEntries(
      PROVIDER_IDS.flatMap((id) => {
        const settings = config.providers[id];
        return settings === undefined ? [] : [[id, pacingOf(id, settings)]];
      }),
    ),
    defaultCountryCode: config.DEFAULT_COUNTRY_CODE,
    assetsDirectory,
  };
}
