import { CronerSchedule } from '../../adapters/croner/croner.schedule.adapter.ts';
import { INBOUND_QUEUES, type InboundQueue } from '../../application/ports/job-queue.port.ts';
import type { AppContainer } from '../composition/container.ts';
import { dispatchQueueHandler } from '../shared/dispatch-queue-handler.ts';
import { inboundHandlers } from '../shared/inbound-queue-handlers.ts';
import { InboundQueueWorker } from './inbound-queue-worker.ts';
import { LedgerDispatcher } from './ledger-dispatcher.ts';

const DISPATCH_POLL_MS = 1_000;
const QUEUE_WAIT_MS = 1_000;
const PURGE_INTERVAL_MS = 6 * 60 * 60 * 1_000;
const SWEEP_INTERVAL_MS = 5 * 60 * 1_000;
const EXPIRY_INTERVAL_MS = 60 * 1_000;
/** SQS hands out at most ten messages per receive. */
const MAX_QUEUE_BATCH = 10;
/** Messages received and handled at once: alerts are a few ledger rows each; a report is a whole page to render. */
const INBOUND_BATCH: Record<InboundQueue, number> = { 'offline-alerts': MAX_QUEUE_BATCH, 'offline-reports': 5 };

export interface BackgroundWork {
  readonly nextNewsletterRun: Date | null;
  stop(): Promise<void>;
}

export interface BackgroundOptions {
  /** The server runs the newsletters on its schedule; the worker leaves that to the server or to EventBridge. */
  readonly schedule: boolean;
}

/**
 * What runs besides HTTP, in the server and in the worker: send due deliveries (from the ledger, or from
 * the SQS dispatch queue where there is one), drain CVT's inbound queues, run the newsletters on
 * schedule, and forget deliveries past their retention.
 */
export function startBackgroundWork(container: AppContainer, options: BackgroundOptions): BackgroundWork {
  const config = container.get('config');
  const logger = container.get('logger');
  const clock = container.get('clock');

  const dispatchSignal = container.get('dispatchSignal');
  // Without a signal the dispatch queue is SQS: its messages are read like the inbound ones.
  const dispatcher =
    dispatchSignal === null
      ? new InboundQueueWorker({
          queue: 'dispatch',
          consumer: container.get('queueConsumer'),
          handle: dispatchQueueHandler({ dispatch: container.get('dispatchDelivery'), ledger: container.get('deliveryLedger'), clock }),
          clock,
          logger: logger.child({ component: 'dispatcher' }),
          visibilityMs: config.DISPATCH_LEASE_MS * 2,
          maxReceives: Number.POSITIVE_INFINITY,
          waitMs: QUEUE_WAIT_MS,
          // Full receives (fewer SQS calls per delivery); still only DISPATCH_CONCURRENCY sent at once.
          batchSize: MAX_QUEUE_BATCH,
          concurrency: config.DISPATCH_CONCURRENCY,
        })
      : new LedgerDispatcher({
          ledger: container.get('deliveryLedger'),
          dispatch: container.get('dispatchDelivery'),
          signal: dispatchSignal,
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
        batchSize: INBOUND_BATCH[queue],
        alerts: container.get('operatorAlerts'),
      }),
  );

  const newsletterRuns = container.get('newsletterRuns');
  const schedule =
    !options.schedule || config.REPORT_SCHEDULE === 'off'
      ? undefined
      : new CronerSchedule(
          config,
          async () => {
            const summary = await newsletterRuns.execute('schedule');
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

  // With an SQS dispatch queue, deliveries whose message was lost are published again now and then.
  const sweepDueDeliveries = container.get('sweepDueDeliveries');
  const sweepTimer =
    dispatchSignal === null
      ? setInterval(() => {
          sweepDueDeliveries
            .execute()
            .then((swept) => swept > 0 && logger.warn('stranded deliveries published again', { swept }))
            .catch((error: unknown) => logger.error('dispatch sweep failed', { error }));
        }, SWEEP_INTERVAL_MS)
      : undefined;
  sweepTimer?.unref();

  // Deliveries waiting far in the future (a provider down for long) expire on time, not only when the dispatcher reaches them.
  const expireStaleDeliveries = container.get('expireStaleDeliveries');
  const expiryTimer = setInterval(() => {
    expireStaleDeliveries.execute().catch((error: unknown) => logger.error('delivery expiry failed', { error }));
  }, EXPIRY_INTERVAL_MS);
  expiryTimer.unref();

  dispatcher.start();
  for (const worker of workers) worker.start();
  schedule?.start();
  purge();

  return {
    nextNewsletterRun: schedule?.nextRun() ?? null,
    async stop() {
      schedule?.stop();
      clearInterval(purgeTimer);
      clearInterval(sweepTimer);
      clearInterval(expiryTimer);
      await Promise.all([dispatcher.stop(), ...workers.map((worker) => worker.stop())]);
    },
  };
}
