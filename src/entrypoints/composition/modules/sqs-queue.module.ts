import { InProcessDispatchSignal } from '../../../adapters/in-process/dispatch-signal.adapter.ts';
import { SqsDeadLetterRedrive } from '../../../adapters/sqs/sqs.dead-letter-redrive.ts';
import type { SqsConfig } from '../../../adapters/sqs/sqs.config.ts';
import { createSqsQueues, type SqsQueues } from '../../../adapters/sqs/sqs.queues.adapter.ts';
import type { Logger } from '../../../application/ports/logger.port.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

/**
 * QUEUE=sqs: CVT's inbound queues are SQS. With SQS_DISPATCH_URL the dispatch queue is SQS too (Lambda,
 * workers); without it, a server dispatches from its ledger as on the embedded default.
 */
export const sqsQueueModule =
  (settings: SqsConfig): ContainerModule<ServiceMap> =>
  ({ bind, onDeactivation }) => {
    let queues: SqsQueues | undefined;
    const shared = (logger: Logger) => (queues ??= createSqsQueues(settings, logger));
    bind('jobQueue').toResolvedValue(shared, ['logger']);
    bind('queueConsumer').toResolvedValue(shared, ['logger']);
    bind('deadLetterReader').toConstantValue(null);
    bind('deadLetterRedrive').toResolvedValue((logger: Logger) => new SqsDeadLetterRedrive(shared(logger), logger), ['logger']);
    const signal = new InProcessDispatchSignal();
    bind('dispatchSignal').toConstantValue(settings.SQS_DISPATCH_URL === undefined ? signal : null);
    bind('dispatchQueue').toResolvedValue(
      (logger: Logger) => (settings.SQS_DISPATCH_URL === undefined ? signal : shared(logger)),
      ['logger'],
    );
    onDeactivation('jobQueue', () => queues?.close());
  };
