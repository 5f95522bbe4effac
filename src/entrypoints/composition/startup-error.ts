/**
 * The process cannot start because of its surroundings (a busy port, a folder it cannot write), not
 * because of a bug: said in one line that names the setting to change, without a stack trace.
 */
export class StartupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StartupError';
  }
}
