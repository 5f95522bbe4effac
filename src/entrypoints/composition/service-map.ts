import type { DatabaseSync } from 'node:sqlite';
import type { InProcessDispatchSignal } from '../../adapters/in-process/dispatch-signal.adapter.ts';
import type { Clock } from '../../application/ports/clock.port.ts';
import type { BoundedReportRenderer } from '../../application/ports/bounded-report-renderer.port.ts';
import type { ClientDirectory, ClientRegistry } from '../../application/ports/client-directory.port.ts';
import type { DeadLetterRedrive } from '../../application/ports/dead-letter-redrive.port.ts';
import type { DeliveryLedger } from '../../application/ports/delivery-ledger.port.ts';
import type { ConversationWindows } from '../../application/ports/conversation-windows.port.ts';
import type { DispatchQueue } from '../../application/ports/dispatch-queue.port.ts';
import type { DeadLetterReader, JobQueue, QueueConsumer } from '../../application/ports/job-queue.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../application/ports/messaging.port.ts';
import type { NewsletterSource } from '../../application/ports/newsletter-source.port.ts';
import type { NewsletterRunLog } from '../../application/ports/newsletter-run-log.port.ts';
import type { OperatorAlerts } from '../../application/ports/operator-alerts.port.ts';
import type { OutboxReader } from '../../application/ports/outbox.port.ts';
import type { PushPort } from '../../application/ports/push.port.ts';
import type { ReadinessProbe } from '../../application/ports/readiness.port.ts';
import type { ReceiptSource } from '../../application/ports/receipt-source.port.ts';
import type { ReplyPort } from '../../application/ports/reply.port.ts';
import type { ReportStorage } from '../../application/ports/report-storage.port.ts';
import type { SuppressionList } from '../../application/ports/suppression-list.port.ts';
import type { DeliveryIntake } from '../../application/services/delivery-intake.ts';
import type { ProviderOutages } from '../../application/services/provider-outages.ts';
import type { AcceptMeltwaterAlert } from '../../application/use-cases/accept-meltwater-alert.use-case.ts';
import type { CheckReadiness } from '../../application/use-cases/check-readiness.use-case.ts';
import type { DispatchDelivery } from '../../application/use-cases/dispatch-delivery.use-case.ts';
import type { ExpireStaleDeliveries } from '../../application/use-cases/expire-stale-deliveries.use-case.ts';
import type { HandleInboundMessages } from '../../application/use-cases/handle-inbound-messages.use-case.ts';
import type { ManageSuppressions } from '../../application/use-cases/manage-suppressions.use-case.ts';
import type { ManageClients } from '../../application/use-cases/manage-clients.use-case.ts';
import type { ProcessOfflineAlerts } from '../../application/use-cases/process-offline-alerts.use-case.ts';
import type { ProcessOfflineReport } from '../../application/use-cases/process-offline-report.use-case.ts';
import type { PurgeDeliveries } from '../../application/use-cases/purge-deliveries.use-case.ts';
import type { RecordReceipts } from '../../application/use-cases/record-receipts.use-case.ts';
import type { ResendDeliveries } from '../../application/use-cases/resend-deliveries.use-case.ts';
import type { QueryDeliveries } from '../../application/use-cases/query-deliveries.use-case.ts';
import type { RecordedNewsletterRuns } from '../../application/use-cases/recorded-newsletter-runs.use-case.ts';
import type { RunNewsletters } from '../../application/use-cases/run-newsletters.use-case.ts';
import type { SendTestMessage } from '../../application/use-cases/send-test-message.use-case.ts';
import type { SweepDueDeliveries } from '../../application/use-cases/sweep-due-deliveries.use-case.ts';
import type { SubmitQueueMessage } from '../../application/use-cases/submit-queue-message.use-case.ts';
import type { AppConfig } from './load-config.ts';

/**
 * Every binding of the containers, by name, with its type: `TypedContainer<ServiceMap>` rejects a
 * binding or a lookup of the wrong type at compile time. Injection goes by these names only, never by
 * reflected constructor types (esbuild emits no decorator metadata).
 */
export interface ServiceMap {
  config: AppConfig;
  clock: Clock;
  logger: Logger;
  /** Where the pipeline and the jobs raise what operators must hear about. */
  operatorAlerts: OperatorAlerts;
  database: DatabaseSync;
  clientDirectory: ClientDirectory;
  /** Null where clients live in CVT's MongoDB, which this service only reads. */
  clientRegistry: ClientRegistry | null;
  deliveryLedger: DeliveryLedger;
  /** The history of newsletter runs, in the same store as the deliveries. */
  newsletterRunLog: NewsletterRunLog;
  /** Numbers that asked to receive nothing (BAJA). */
  suppressionList: SuppressionList;
  /** When each contact last wrote: WhatsApp's 24-hour service window. */
  conversationWindows: ConversationWindows;
  dispatchQueue: DispatchQueue;
  /** Null where the dispatch queue is SQS. */
  dispatchSignal: InProcessDispatchSignal | null;
  jobQueue: JobQueue;
  queueConsumer: QueueConsumer;
  /** Null where the queues are SQS: their dead letters are in their own SQS queues. */
  deadLetterReader: DeadLetterReader | null;
  /** Moves dead letters back to their queue (the embedded store, or from each SQS dead-letter queue). */
  deadLetterRedrive: DeadLetterRedrive;
  reportStorage: ReportStorage;
  /** Parses pages off the event loop, within the HTML and render limits. */
  reportRenderer: BoundedReportRenderer;
  newsletterSource: NewsletterSource;
  messaging: MessagingPort;
  /** Each provider in use by id, without the router (operator notices choose theirs). */
  messagingProviders: ReadonlyMap<string, MessagingPort>;
  outbox: OutboxReader | null;
  receiptSources: ReadonlyMap<string, ReceiptSource>;
  /** Free-text replies through each provider in use that can send one (opt-out confirmations). */
  replyPorts: ReadonlyMap<string, ReplyPort>;
  push: PushPort | null;
  readinessProbes: ReadinessProbe[];
  deliveryIntake: DeliveryIntake;
  acceptMeltwaterAlert: AcceptMeltwaterAlert;
  runNewsletters: RunNewsletters;
  /** Job 1.2 as the schedule, the API and the CLI start it: recorded, and failures raised for operators. */
  newsletterRuns: RecordedNewsletterRuns;
  processOfflineReport: ProcessOfflineReport;
  processOfflineAlerts: ProcessOfflineAlerts;
  dispatchDelivery: DispatchDelivery;
  manageClients: ManageClients;
  queryDeliveries: QueryDeliveries;
  submitQueueMessage: SubmitQueueMessage;
  purgeDeliveries: PurgeDeliveries;
  checkReadiness: CheckReadiness;
  sendTestMessage: SendTestMessage;
  recordReceipts: RecordReceipts;
  handleInboundMessages: HandleInboundMessages;
  manageSuppressions: ManageSuppressions;
  sweepDueDeliveries: SweepDueDeliveries;
  /** Which providers are down now (issue 10 §1): the dispatcher holds their deliveries back and looks again. */
  providerOutages: ProviderOutages;
  resendDeliveries: ResendDeliveries;
  expireStaleDeliveries: ExpireStaleDeliveries;
}
