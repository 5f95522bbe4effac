import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { createContainer } from '../composition/container.ts';
import { ensureWritableDataDir } from '../composition/data-dir.ts';
import { provideSecrets } from '../composition/generated-secrets.ts';
import { loadConfig, type AppConfig } from '../composition/load-config.ts';
import { StartupError } from '../composition/startup-error.ts';
import { createHttpApp } from '../http/app.ts';
import { resolveHttpDependencies } from '../http/http-dependencies.ts';
import { startDatabaseCheckpoints } from '../shared/database-checkpoints.ts';
import { exitOnStartFailure, stopOnSignals } from '../shared/process-lifecycle.ts';
import { startBackgroundWork } from '../background/background-work.ts';

/** The server on the embedded default: HTTP, dispatcher, queue workers and schedule in one process. */
async function main(): Promise<void> {
  const loaded = await loadConfig();
  ensureWritableDataDir(loaded);
  const { config, generated, file } = provideSecrets(loaded);
  const container = await createContainer(config);
  const logger = container.get('logger');
  process.on('unhandledRejection', (error) => logger.error('unhandled promise rejection', { error }));

  // The build copies assets/ beside the bundle (scripts/build.ts).
  const app = createHttpApp(resolveHttpDependencies(container, join(import.meta.dirname, 'assets')));
  // Listening first: a process that holds no socket must not run a dispatcher and a schedule unseen.
  const server = await listen(createServer(app), config).catch(async (error: unknown) => {
    await container.close().catch(() => undefined);
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  const checkpoints = startDatabaseCheckpoints(container);
  // Off where another deployment (Lambda functions, a worker) sends: this process then only serves HTTP.
  const background = config.BACKGROUND_WORK === 'on' ? startBackgroundWork(container, { schedule: true }) : null;

  logger.info('listening', {
    url,
    provider: config.WHATSAPP_PROVIDER,
    backgroundWork: config.BACKGROUND_WORK,
    nextNewsletterRun: background?.nextNewsletterRun ?? null,
  });
  printBanner(url, resolve(config.DATA_DIR), generated, file);

  stopOnSignals(logger, async () => {
    await new Promise((done) => server.close(done));
    await background?.stop();
    await checkpoints?.stop();
    await container.close();
  });
}

/** Express's own `listen` calls back on errors too, which would read as listening: the server's events are watched instead. */
function listen(server: Server, config: AppConfig): Promise<Server> {
  return new Promise((resolveListening, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${config.HOST}:${config.PORT}`;
      if (error.code === 'EADDRINUSE')
        reject(
          new StartupError(
            `PORT: port ${config.PORT} is already in use on ${config.HOST}; stop the other process or set PORT to another port`,
            { cause: error },
          ),
        );
      else if (error.code === 'EACCES')
        reject(
          new StartupError(`PORT: not allowed to listen on ${where}; choose a port above 1023 or run with the right to bind it`, {
            cause: error,
          }),
        );
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        reject(new StartupError(`HOST: cannot listen on ${config.HOST}, which is not an address of this machine`, { cause: error }));
      else reject(error);
    });
    server.listen(config.PORT, config.HOST, () => resolveListening(server));
  });
}

/** For the person who ran `npm start`: where to go, and the secrets generated for them (shown once). */
function printBanner(url: string, dataDir: string, generated: Record<string, string>, secretsFile: string): void {
  const lines = [``, `cvt-whatsapp is listening on ${url}`, `  console: ${url}/admin (log in with ADMIN_TOKEN)`, `  data: ${dataDir}`];
  const names = Object.keys(generated);
  if (names.length > 0) {
    lines.push(`  generated ${names.join(' and ')} (kept in ${secretsFile}; set them in the environment to choose your own):`);
    for (const [name, value] of Object.entries(generated)) lines.push(`    ${name}=${value}`);
  }
  lines.push('');
  process.stderr.write(`${lines.join('\n')}\n`);
}

main().catch(exitOnStartFailure);
