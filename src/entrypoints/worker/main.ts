import { createContainer } from '../composition/container.ts';
import { ensureWritableDataDir } from '../composition/data-dir.ts';
import { ConfigError, loadConfig } from '../composition/load-config.ts';
import { startDatabaseCheckpoints } from '../shared/database-checkpoints.ts';
import { exitOnStartFailure, stopOnSignals } from '../shared/process-lifecycle.ts';
import { startBackgroundWork } from '../background/background-work.ts';

/**
 * The worker, for deployments that run a process instead of Lambda functions: it long-polls CVT's
 * inbound SQS queues and the dispatch queue, and sends. On SIGTERM it stops receiving and finishes the
 * messages it holds; those it never took stay in SQS.
 */
async function main(): Promise<void> {
  const config = await loadConfig();
  if (config.QUEUE !== 'sqs') {
    throw new ConfigError(['QUEUE: the worker reads SQS queues; set QUEUE=sqs (the server drains the embedded queues itself)']);
  }
  ensureWritableDataDir(config);
  const container = await createContainer(config);
  const logger = container.get('logger');
  process.on('unhandledRejection', (error) => logger.error('unhandled promise rejection', { error }));
  const checkpoints = startDatabaseCheckpoints(container);
  const background = startBackgroundWork(container, { schedule: false });
  logger.info('worker started', {
    provider: config.WHATSAPP_PROVIDER,
    dispatch: container.get('dispatchSignal') === null ? 'sqs' : 'ledger',
  });

  stopOnSignals(logger, async () => {
    await background.stop();
    await checkpoints?.stop();
    await container.close();
  });
}

main().catch(exitOnStartFailure);
