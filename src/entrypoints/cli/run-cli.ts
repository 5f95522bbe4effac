import { CommanderError } from 'commander';
import type { AppContainer } from '../composition/container.ts';
import type { AppConfig } from '../composition/load-config.ts';
import { StartupError } from '../composition/startup-error.ts';
import { CliContext, type CliStreams } from './cli-context.ts';
import { humanLogLine } from './human-log-line.ts';
import { buildProgram } from './program.ts';
import { UserError } from './user-error.ts';

/** Runs one command line and answers its exit code; everything it opened is closed first. */
export async function runCli(argv: readonly string[], streams: CliStreams): Promise<number> {
  // Log lines go to stderr so that stdout carries only the result (and --json stays parseable).
  let opened: AppContainer | undefined;
  let openedWithProviders = false;
  const context = new CliContext(async (parts) => {
    // Imported on first use: the settings' schema and the adapters take most of the start-up time, and
    // --help or a usage error needs none of them.
    const { addContainerParts, createContainer, ALL_CONTAINER_PARTS } = await import('../composition/container.ts');
    if (opened !== undefined) {
      const adding = parts ?? ALL_CONTAINER_PARTS;
      // Not reached by any command (each opens its container once); said plainly should one ever do it.
      if (adding.includes('sending') && !openedWithProviders) {
        throw new Error('a command opened its container without the providers, then asked for them');
      }
      await addContainerParts(opened, adding);
      return opened;
    }
    const { loadConfig, isSettingGiven } = await import('../composition/load-config.ts');
    // A command that sends nothing (parts without 'sending') neither checks nor reads the providers' settings.
    const sends = parts === undefined || parts.includes('sending');
    const loaded = await loadConfig(undefined, { providers: sends });
    const { config, writeLog } = cliLogging(loaded, isSettingGiven('LOG_LEVEL'), argv.includes('--json'), streams);
    opened = await createContainer(config, { writeLog, ...(parts === undefined ? {} : { parts }) });
    openedWithProviders = sends;
    return opened;
  }, streams);
  try {
    await buildProgram(context, streams).parseAsync(argv);
    return context.failed ? 1 : 0;
  } catch (error) {
    return await reportError(error, streams);
  } finally {
    await context.close();
  }
}

/**
 * A person at a terminal reads the command's own lines, and an error in plain words when something
 * breaks; the warnings behind those lines (an import's rejected users) are already in them. JSON log
 * lines are for scripts: with --json (warnings and errors) or whenever LOG_LEVEL is set.
 */
function cliLogging(
  config: AppConfig,
  logLevelGiven: boolean,
  json: boolean,
  streams: CliStreams,
): { config: AppConfig; writeLog: (line: string) => void } {
  if (logLevelGiven) return { config, writeLog: (line) => void streams.stderr.write(line) };
  if (json) return { config: { ...config, LOG_LEVEL: 'warn' }, writeLog: (line) => void streams.stderr.write(line) };
  return { config: { ...config, LOG_LEVEL: 'error' }, writeLog: (line) => void streams.stderr.write(humanLogLine(line)) };
}

async function reportError(error: unknown, streams: CliStreams): Promise<number> {
  // Commander has already printed its usage error or help; it only tells the exit code.
  if (error instanceof CommanderError) return error.exitCode;
  const startup = startupCause(error);
  if (startup !== undefined) {
    streams.stderr.write(`error: ${startup.message}\n`);
    return 1;
  }
  // Already loaded when the configuration is what failed.
  const { ConfigError } = await import('../composition/load-config.ts');
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
