import { CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../composition/load-config.ts';
import { StartupError } from '../composition/startup-error.ts';
import { CliContext, type CliStreams } from './cli-context.ts';
import { buildProgram } from './program.ts';
import { UserError } from './user-error.ts';

/** Runs one command line and answers its exit code; everything it opened is closed first. */
export async function runCli(argv: readonly string[], streams: CliStreams): Promise<number> {
  // Log lines go to stderr so that stdout carries only the result (and --json stays parseable).
  const context = new CliContext(async () => {
    // Imported on first use: the adapters take most of the start-up time, and --help needs none of them.
    const { createContainer } = await import('../composition/container.ts');
    return createContainer(loadConfig(), { writeLog: (line) => void streams.stderr.write(line) });
  }, streams);
  try {
    await buildProgram(context, streams).parseAsync(argv);
    return context.failed ? 1 : 0;
  } catch (error) {
    return reportError(error, streams);
  } finally {
    await context.close();
  }
}

function reportError(error: unknown, streams: CliStreams): number {
  // Commander has already printed its usage error or help; it only tells the exit code.
  if (error instanceof CommanderError) return error.exitCode;
  const startup = startupCause(error);
  if (startup !== undefined) {
    streams.stderr.write(`error: ${startup.message}\n`);
    return 1;
  }
  if (error instanceof ConfigError || error instanceof UserError || isSystemError(error)) {
    streams.stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  }
  // Anything else is a bug: its stack is what whoever fixes it needs.
  streams.stderr.write(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}

/** Failures of the environment (a locked database, a full disk) rather than of the code. */
function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** An unusable DATA_DIR, also when the container wrapped it while resolving a service. */
function startupCause(error: unknown): StartupError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof StartupError) return current;
  }
  return undefined;
}
