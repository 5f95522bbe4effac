import type { DatabaseSync } from 'node:sqlite';
import { InProcessDispatchSignal } from '../../../adapters/in-process/dispatch-signal.adapter.ts';
import { SqliteJobQueue } from '../../../adapters/sqlite/sqlite.job-queue.adapter.ts';
import type { Clock } from '../../../application/ports/clock.port.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

/**
 * QUEUE=local: CVT's inbound queues in the embedded database; the ledger itself is the dispatch queue,
 * and publishing only wakes the in-process dispatcher.
 */
export const localQueueModule =
  (): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    // One queue object serves three ports; each container gets its own.
    let queue: SqliteJobQueue | undefined;
    const sharedQueue = (db: DatabaseSync, clock: Clock) => (queue ??= new SqliteJobQueue(db, clock));
    bind('jobQueue').toResolvedValue(sharedQueue, ['database', 'clock']);
    bind('queueConsumer').toResolvedValue(sharedQueue, ['database', 'clock']);
    bind('deadLetterReader').toResolvedValue(sharedQueue, ['database', 'clock']);
    bind('deadLetterRedrive').toResolvedValue(sharedQueue, ['database', 'clock']);
    const signal = new InProcessDispatchSignal();
    bind('dispatchSignal').toConstantValue(signal);
    bind('dispatchQueue').toConstantValue(signal);
  };
