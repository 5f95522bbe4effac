import { CronerSchedule } from '../../adapters/croner/croner.schedule.adapter.ts';
import { INBOUND_QUEUES } from '../../application/ports/job-queue.port.ts';
import type { AppContainer } from '../composition/container.ts';
import { inboundHandlers } from '../shared/inbound-queue-handlers.ts';
import { InboundQueueWorker } from '../workers/inbound-queue-worker.ts';
import { LedgerDispatcher } from '../workers/ledger-dispatcher.ts';

const DISPATCH_POLL_MS = 1_000;
const QUEUE_WAIT_MS = 1_000;
const PURGE_INTERVAL_MS = 6 * 60 * 60 * 1_000;

export interface BackgroundWork {
  readonly nextNewsletterRun: Date | null;
  stop(): Promise<void>;
}

/**
 * What the server does besides answering HTTP: send due deliveries, drain CVT's inbound queues, run
 * the newsletters on schedule, and forget deliveries past their retention.
 */
export function startBackgroundWork(container: AppContainer): BackgroundWork {
  const config = container.get('config');
  const logger = container.get('logger');
  const clock = container.get('clock');

  const dispatcher = new LedgerDispatcher({
    ledger: container.get('deliveryLedger'),
    dispatch: container.get('dispatchDelivery'),
    signal: container.get('dispatchSignal'),
    clock,
    logger: logger.child({ component: 'dispatcher' }),
    concurrency: config.DISPATCH_CONCURRENCY,
    pollMs: DISPATCH_POLL_MS,
  });

  const handlers = inboundHandlers({
    processOfflineReport: container.get('processOfflineReport'),
    processOfflineAlerts: container.get('processOfflineAlerts'),
    logger,
  });
  const workers = INBOUND_QUEUES.map(
    (queue) =>
      new InboundQueueWorker({
        queue,
        consumer: container.get('queueConsumer'),
        handle: handlers[queue],
        clock,
        logger: logger.child({ component: 'queue-worker' }),
        visibilityMs: config.QUEUE_VISIBILITY_MS,
        maxReceives: config.QUEUE_MAX_RECEIVES,
        waitMs: QUEUE_WAIT_MS,
        batchSize: 5,
      }),
  );

  const runNewsletters = container.get('runNewsletters');
  const schedule =
    config.REPORT_SCHEDULE === 'off'
      ? undefined
      : new CronerSchedule(
          config,
          async () => {
            const summary = await runNewsletters.execute();
            logger.info('scheduled newsletter run finished', { summary });
          },
          logger.child({ component: 'schedule' }),
        );

  const purgeDeliveries = container.get('purgeDeliveries');
  const purge = (): void => {
    purgeDeliveries
      .execute()
      .then((purged) => purged > 0 && logger.info('old deliveries forgotten', { purged }))
      .catch((error: unknown) => logger.error('delivery purge failed', { error }));
  };
  const purgeTimer = setInterval(purge, PURGE_INTERVAL_MS);
  purgeTimer.unref();

  dispatcher.start();
  for (const worker of workers) worker.start();
  schedule?.start();
  purge();

  return {
    nextNewsletterRun: schedule?.nextRun() ?? null,
    async stop() {
      schedule?.stop();
      clearInterval(purgeTimer);
      await Promise.all([dispatcher.stop(), ...workers.map((worker) => worker.stop())]);
    },
  };
}
