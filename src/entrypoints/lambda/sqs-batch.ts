import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { QueueOutcome } from '../shared/inbound-queue-handlers.ts';

/**
 * Handles an SQS batch record by record and reports only the failed ones (`ReportBatchItemFailures`):
 * the others are deleted by Lambda. A record that can never succeed is reported failed too, so that
 * the queue's redrive policy moves it to its dead-letter queue; one that may succeed later comes back
 * after its visibility timeout (or after `delay`, when the handler asks for one).
 */
export async function processSqsBatch(
  event: SQSEvent,
  handle: (record: SQSRecord) => Promise<QueueOutcome>,
  logger: Logger,
  delay?: (record: SQSRecord, delayMs: number) => Promise<void>,
): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const log = logger.child({ messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount });
    let outcome: QueueOutcome;
    try {
      outcome = await handle(record);
    } catch (error) {
      log.error('queue record failed; it will come back', { error });
      outcome = { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.kind === 'done') continue;
    if (outcome.kind === 'invalid')
      log.warn('queue record can never be processed; redrive will dead-letter it', { reason: outcome.reason });
    else log.warn('queue record will be retried', { reason: outcome.reason });
    if (outcome.kind === 'retry' && outcome.delayMs !== undefined && delay !== undefined) {
      await delay(record, outcome.delayMs).catch((error: unknown) => log.warn('could not delay the record', { error }));
    }
    failures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures: failures };
}
