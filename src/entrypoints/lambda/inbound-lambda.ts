import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { InboundQueue } from '../../application/ports/job-queue.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { AppContainer } from '../composition/container.ts';
import type { InboundHandler } from '../shared/inbound-queue-handlers.ts';
import { startInvocation } from './invocation-budget.ts';
import { processSqsBatch } from './sqs-batch.ts';

/**
 * An SQS handler for one of CVT's inbound queues, with partial batch responses. Each function names its
 * own queue's handler: the other queue's use case needs adapters this function does not carry.
 */
export function inboundLambda(
  services: () => Promise<AppContainer>,
  queue: InboundQueue,
  handlerOf: (container: AppContainer, logger: Logger) => InboundHandler,
): (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse> {
  return async (event, context) => {
    startInvocation(context);
    const container = await services();
    const logger = container.get('logger').child({ queue });
    const handle = handlerOf(container, logger);
    return processSqsBatch(event, (record) => handle(record.body), logger);
  };
}
