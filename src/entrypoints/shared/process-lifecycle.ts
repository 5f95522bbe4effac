import type { Logger } from '../../application/ports/logger.port.ts';
import { ConfigError } from '../composition/load-config.ts';
import { StartupError } from '../composition/startup-error.ts';

/** Longer than any send or queue message takes; past it, the process is stopped anyway. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * SIGTERM and SIGINT run `stop` once (stop taking work, finish what is in flight, close what is open),
 * then the process exits; a stop that hangs is cut short.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    await stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

/**
 * A process that could not start says why in one line (a bad setting, a busy port, an unwritable
 * DATA_DIR) or with its stack (a bug), and exits 1.
 */
export function exitOnStartFailure(error: unknown): never {
  const known = startupCause(error);
  const text = known !== undefined ? known.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${text}\n`);
  process.exit(1);
}

/** The startup or configuration error itself, or one the container wrapped while resolving a service. */
function startupCause(error: unknown): Error | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof ConfigError || current instanceof StartupError) return current;
  }
  return undefined;
}
