import { startBackgroundCheckpoints, type BackgroundCheckpoints } from '../../adapters/sqlite/sqlite.background-checkpoints.ts';
import type { AppContainer } from '../composition/container.ts';

/**
 * In the long-running processes (the server, whether or not it runs the background work, and the worker) the
 * embedded database's WAL is copied by a thread of its own instead of inside a commit on the event loop
 * (bench/notes/webhook-per-request.md). The CLI and the Lambda functions keep SQLite's own checkpoints: they
 * live too briefly for a thread to pay for its start. Nothing to do without the embedded database.
 */
export function startDatabaseCheckpoints(container: AppContainer): BackgroundCheckpoints | undefined {
  if (!container.isBound('database')) return undefined;
  const logger = container.get('logger');
  return startBackgroundCheckpoints(container.get('database'), (error) => logger.error('database checkpoint failed', { error }));
}
