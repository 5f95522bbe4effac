import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';

export interface BackgroundCheckpointOptions {
  /** How often the checkpointing thread copies the WAL's committed pages into the database file. */
  readonly intervalMs: number;
  /**
   * WAL pages past which the thread also starts the WAL over. Under steady writes a commit rarely finds the
   * WAL fully copied, and only then does SQLite start it over: past this the thread takes the write lock
   * for a moment (RESTART), copying the few pages written since its last pass, so that the next commit
   * writes from the WAL's start again.
   */
  readonly restartPages: number;
}

/**
 * Measured (bench/notes/webhook-per-request.md, 2026-12-03 write path): 200 ms keeps an idle server's WAL
 * copied within a fraction of a second at five wake-ups a second; 4,000 pages of 4 KiB keep the WAL file
 * near 16 MB, with a restart every second or so under the webhook benchmark's load.
 */
const DEFAULT_OPTIONS: BackgroundCheckpointOptions = { intervalMs: 200, restartPages: 4_000 };

/** SQLite's default `wal_autocheckpoint`, given back to the connection when the thread stops or fails. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1_000;
/**
 * The serving connection's own autocheckpoint while the thread runs: a last resort should the thread be
 * starved of CPU (it then holds no lock, and the connection's checkpoint goes through).
 */
const LAST_RESORT_FACTOR = 4;

export interface BackgroundCheckpoints {
  /** Stops the thread and closes its connection; the serving connection checkpoints by itself again. */
  stop(): Promise<void>;
}

// Plain JavaScript run by the thread (`eval`), so that a bundle needs no second file. PASSIVE never waits for
// a lock and never holds one a writer needs: the serving connection's commits go on while it copies.
const CHECKPOINTER = `
const { DatabaseSync } = require('node:sqlite');
const { parentPort, workerData } = require('node:worker_threads');
const db = new DatabaseSync(workerData.path, { timeout: 60000 });
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const restart = db.prepare('PRAGMA wal_checkpoint(RESTART)');
const timer = setInterval(() => {
  try {
    const { log } = passive.get();
    if (log >= workerData.restartPages) restart.get();
  } catch (error) {
    parentPort.postMessage({ failed: error instanceof Error ? error.message : String(error) });
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves the WAL checkpoint off the event loop. With WAL and `synchronous=NORMAL` a commit writes its pages
 * to the WAL without a sync; every 1,000 pages SQLite's autocheckpoint then copies them into the database
 * file and syncs both files INSIDE the commit that crossed the line, on the event loop, where every request
 * waits for those syncs. Here a thread of its own, on a connection of its own, does the copying and the
 * syncing. Durability is unchanged: a commit is durable once in the WAL, whoever copies it later.
 */
export function startBackgroundCheckpoints(
  db: DatabaseSync,
  onFailure: (error: Error) => void,
  options: BackgroundCheckpointOptions = DEFAULT_OPTIONS,
): BackgroundCheckpoints {
  const path = db.location();
  // An in-memory database has no WAL to copy.
  if (path === null) return { stop: async () => undefined };
  const ownCheckpoints = (pages: number) => db.isOpen && db.exec(`PRAGMA wal_autocheckpoint = ${pages}`);
  ownCheckpoints(options.restartPages * LAST_RESORT_FACTOR);
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { path, ...options } });
  worker.unref();
  worker.on('message', (message: { failed: string }) => onFailure(new Error(`background WAL checkpoint failed: ${message.failed}`)));
  worker.on('error', (error) => {
    ownCheckpoints(SQLITE_AUTOCHECKPOINT_PAGES);
    onFailure(new Error('the WAL checkpoint thread stopped; the connection checkpoints by itself again', { cause: error }));
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
      ownCheckpoints(SQLITE_AUTOCHECKPOINT_PAGES);
    },
  };
}
