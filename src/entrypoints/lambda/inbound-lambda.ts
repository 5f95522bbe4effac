import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { InboundQueue } from '../../application/ports/job-queue.port.ts';
import type { AppContainer } from '../composition/container.ts';
import { offlineAlertsHandler, offlineReportsHandler } from '../shared/inbound-queue-handlers.ts';
import { startInvocation } from './invocation-budget.ts';
import { processSqsBatch } from './sqs-batch.ts';

/** An SQS handler for one of CVT's inbound queues, with partial batch responses. */
export function inboundLambda(
  services: () => Promise<AppContainer>,
  queue: InboundQueue,
): (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse> {
  return async (event, context) => {
    startInvocation(context);
    const container = await services();
    const logger = container.get('logger').child({ queue });
    // Only this queue's use case is built: the other one needs adapters this function does not carry.
    const handle =
      queue === 'offline-reports'
        ? offlineReportsHandler(container.get('processOfflineReport'))
        : offlineAlertsHandler(container.get('processOfflineAlerts'), logger);
    return processSqsBatch(event, (record) => handle(record.body), logger);
  };
}
