import type { DatabaseSync } from 'node:sqlite';
import { TypedContainerModule } from '@inversifyjs/strongly-typed';
import { InProcessDispatchSignal } from '../../../adapters/in-process/dispatch-signal.adapter.ts';
import { SqliteJobQueue } from '../../../adapters/sqlite/sqlite.job-queue.adapter.ts';
import type { Clock } from '../../../application/ports/clock.port.ts';
import type { ServiceMap } from '../service-map.ts';

/**
 * QUEUE=local: CVT's inbound queues in the embedded database; the ledger itself is the dispatch queue,
 * and publishing only wakes the in-process dispatcher.
 */
export const localQueueModule = (): TypedContainerModule<ServiceMap> =>
  new TypedContainerModule<ServiceMap>(({ bind }) => {
    // One queue object serves three ports; each container gets its own.
    let queue: SqliteJobQueue | undefined;
    const sharedQueue = (db: DatabaseSync, clock: Clock) => (queue ??= new SqliteJobQueue(db, clock));
    bind('jobQueue').toResolvedValue(sharedQueue, ['database', 'clock']).inSingletonScope();
    bind('queueConsumer').toResolvedValue(sharedQueue, ['database', 'clock']).inSingletonScope();
    bind('deadLetterReader').toResolvedValue(sharedQueue, ['database', 'clock']).inSingletonScope();
    bind('deadLetterRedrive').toResolvedValue(sharedQueue, ['database', 'clock']).inSingletonScope();
    const signal = new InProcessDispatchSignal();
    bind('dispatchSignal').toConstantValue(signal);
    bind('dispatchQueue').toConstantValue(signal);
  });
