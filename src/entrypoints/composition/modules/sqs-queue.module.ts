import { TypedContainerModule } from '@inversifyjs/strongly-typed';
import { InProcessDispatchSignal } from '../../../adapters/in-process/dispatch-signal.adapter.ts';
import { SqsDeadLetterRedrive } from '../../../adapters/sqs/sqs.dead-letter-redrive.ts';
import { createSqsQueues, type SqsQueues } from '../../../adapters/sqs/sqs.queues.adapter.ts';
import type { Logger } from '../../../application/ports/logger.port.ts';
import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';

/**
 * QUEUE=sqs: CVT's inbound queues are SQS. With SQS_DISPATCH_URL the dispatch queue is SQS too (Lambda,
 * workers); without it, a server dispatches from its ledger as on the embedded default.
 */
export const sqsQueueModule = (): TypedContainerModule<ServiceMap> =>
  new TypedContainerModule<ServiceMap>(({ bind, onDeactivation }) => {
    let queues: SqsQueues | undefined;
    const shared = (config: AppConfig, logger: Logger) => (queues ??= createSqsQueues(config.sqs!, logger));
    bind('jobQueue').toResolvedValue(shared, ['config', 'logger']).inSingletonScope();
    bind('queueConsumer').toResolvedValue(shared, ['config', 'logger']).inSingletonScope();
    bind('deadLetterReader').toConstantValue(null);
    bind('deadLetterRedrive')
      .toResolvedValue(
        (config: AppConfig, logger: Logger) => new SqsDeadLetterRedrive(shared(config, logger), logger),
        ['config', 'logger'],
      )
      .inSingletonScope();
    const signal = new InProcessDispatchSignal();
    bind('dispatchSignal')
      .toResolvedValue((config: AppConfig) => (config.sqs!.SQS_DISPATCH_URL === undefined ? signal : null), ['config'])
      .inSingletonScope();
    bind('dispatchQueue')
      .toResolvedValue(
        (config: AppConfig, logger: Logger) => (config.sqs!.SQS_DISPATCH_URL === undefined ? signal : shared(config, logger)),
        ['config', 'logger'],
      )
      .inSingletonScope();
    onDeactivation('jobQueue', () => queues?.close());
  });
