import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';

export interface BackgroundCheckpointOptions {
  /** How often the checkpointing thread copies the WAL's committed pages into the database file. */
  readonly intervalMs: number;
  /**
   * WAL pages past which the serving connection checkpoints by itself (its `wal_autocheckpoint`). SQLite
   * starts the WAL over only when a commit finds it wholly copied, which under steady writes the thread
   * alone rarely leaves it: this bounds the file. That checkpoint then has only the pages written since the
   * thread's last pass to copy, and the next commit starts the WAL over.
   */
  readonly safetyNetPages: number;
}

/**
 * Measured (bench/notes/webhook-per-request.md, 2026-12-03 write path), recording deliveries in group
 * transactions as fast as one thread can: wall time per delivery 68–69 µs with SQLite's own checkpoint
 * every 1,000 pages, 55–59 µs with the thread and 4,000 pages, 47–49 µs with 16,000. 10,000 pages keep the
 * WAL file near 40 MB (a little more under steady writes); 200 ms copies an idle server's WAL within a fifth
 * of a second.
 */
const DEFAULT_OPTIONS: BackgroundCheckpointOptions = { intervalMs: 200, safetyNetPages: 10_000 };

/** SQLite's default `wal_autocheckpoint`, given back to the connection when the thread stops or fails. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1_000;

export interface BackgroundCheckpoints {
  /** Stops the thread and closes its connection; the serving connection checkpoints by itself again. */
  stop(): Promise<void>;
}

// Plain JavaScript run by the thread (`eval`), so that a bundle needs no second file. PASSIVE never waits for
// a lock and never holds one a writer needs: the serving connection's commits go on while it copies. (A
// RESTART here would hold the checkpoint lock while it waits for a gap between commits, and keep the
// connection's own checkpoint out all that time: measured, the WAL then grew without bound.)
const CHECKPOINTER = `
const { DatabaseSync } = require('node:sqlite');
const { parentPort, workerData } = require('node:worker_threads');
const db = new DatabaseSync(workerData.path);
const stop = () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
};
const timer = setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch (error) {
    // Reported once, then the thread ends: a failure that lasts (a full disk) would otherwise be logged five times a second.
    parentPort.postMessage({ failed: error instanceof Error ? error.message : String(error) });
    stop();
  }
}, workerData.intervalMs);
parentPort.once('message', stop);
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
  ownCheckpoints(options.safetyNetPages);
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { path, ...options } });
  worker.unref();
  worker.on('message', (message: { failed: string }) => {
    ownCheckpoints(SQLITE_AUTOCHECKPOINT_PAGES);
    onFailure(new Error(`background WAL checkpoint failed, the connection checkpoints by itself again: ${message.failed}`));
  });
  worker.on('error', (error) => {
    ownCheckpoints(SQLITE_AUTOCHECKPOINT_PAGES);
    onFailure(new Error('the WAL checkpoint thread stopped; the connection checkpoints by itself again', { cause: error }));
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Held by the thread while it finishes, or a process with nothing else to do would end before it did.
      worker.ref();
      worker.postMessage('stop');
      await exited;
      ownCheckpoints(SQLITE_AUTOCHECKPOINT_PAGES);
    },
  };
}
