import type { Result } from '../../domain/shared/result.ts';

/**
 * A mistake of whoever ran the command (a bad argument, a missing file, an unknown client): reported
 * as one line on stderr with exit code 1, never with a stack trace.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** A client change, or the reason it cannot be made here: clients in CVT's MongoDB are CVT's to edit. */
export function written<T>(result: Result<T, 'read_only_directory'>): T {
  if (result.ok) return result.value;
  throw new UserError("clients are managed in CVT's MongoDB (STORE=mongodb): this service only reads them");
}
