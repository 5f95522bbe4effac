/**
 * The embedded database file exists but cannot be used (not a database, corrupt, unreadable): start-up
 * ends with one line naming the file and what to do, not with a stack.
 */
export class UnusableDatabaseError extends Error {
  readonly path: string;

  constructor(path: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `the embedded database ${path} cannot be used (${why}). Stop every process using it, move the file aside ` +
        `(with its -wal and -shm files) or restore it from a backup, then start again: an empty database is created when none is there.`,
      { cause },
    );
    this.name = 'UnusableDatabaseError';
    this.path = path;
  }
}
