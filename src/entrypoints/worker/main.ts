import 'reflect-metadata';
import { createContainer } from '../composition/container.ts';
import { ConfigError, loadConfig } from '../composition/load-config.ts';
import { startBackgroundWork } from '../workers/background-work.ts';

const SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * The worker, for deployments that run a process instead of Lambda functions: it long-polls CVT's
 * inbound SQS queues and the dispatch queue, and sends. On SIGTERM it stops receiving and finishes the
 * messages it holds; those it never took stay in SQS.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.QUEUE !== 'sqs') {
    throw new ConfigError(['QUEUE: the worker reads SQS queues; set QUEUE=sqs (the server drains the embedded queues itself)']);
  }
  const container = createContainer(config);
  const logger = container.get('logger');
  process.on('unhandledRejection', (error) => logger.error('unhandled promise rejection', { error }));
  const background = startBackgroundWork(container, { schedule: false });
  logger.info('worker started', {
    provider: config.WHATSAPP_PROVIDER,
    dispatch: container.get('dispatchSignal') === null ? 'sqs' : 'ledger',
  });

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    await background.stop();
    await container.unbindAllAsync();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
