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
