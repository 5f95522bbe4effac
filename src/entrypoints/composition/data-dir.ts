import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from './load-config.ts';
import { StartupError } from './startup-error.ts';

/** Whether anything this configuration chose keeps files in DATA_DIR. */
function usesDataDir(config: AppConfig): boolean {
  return (
    config.STORE === 'sqlite' ||
    config.QUEUE === 'local' ||
    config.REPORT_STORE === 'fs' ||
    config.providers.outbox !== undefined ||
    config.ADMIN_TOKEN === undefined ||
    config.MELTWATER_WEBHOOK_TOKEN === undefined
  );
}

/**
 * DATA_DIR exists (created when missing) and takes a file, checked before anything opens the database:
 * otherwise SQLite's "unable to open database file" would name neither the setting nor the path.
 */
export function ensureWritableDataDir(config: AppConfig): void {
  if (!usesDataDir(config)) return;
  const dir = resolve(config.DATA_DIR);
  const probe = join(dir, `.write-check-${randomUUID()}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw new StartupError(`DATA_DIR: cannot write to ${dir} (${describe(error)}); set DATA_DIR to a folder this user can write`, {
      cause: error,
    });
  }
}

/** A database file that exists but cannot be used (not a database, locked, read-only). */
export function unusableDatabase(path: string, error: unknown): StartupError {
  const why = describe(error);
  // A corrupt file (issue 16) needs someone to act; a busy one only time.
  const hint = /locked|busy/iu.test(why)
    ? ''
    : '; stop every process using it, move the file aside with its -wal and -shm files or restore it from a backup, then start again: an empty database is created when none is there';
  return new StartupError(`DATA_DIR: cannot use the database ${path} (${why}${hint})`, { cause: error });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  // SQLite's own words ("file is not a database") say more than its code.
  if (code === 'ERR_SQLITE_ERROR') return error.message;
  // Node's messages repeat the path already named; the code says what went wrong.
  return typeof code === 'string' && code.startsWith('E') ? code : error.message;
}
