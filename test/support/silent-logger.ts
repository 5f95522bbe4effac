import type { LogFields, Logger } from '../../src/application/ports/logger.port.ts';

export interface LoggedLine {
  readonly level: string;
  readonly message: string;
  readonly fields: LogFields;
}

/** A logger that keeps its lines for assertions instead of printing them. */
export class MemoryLogger implements Logger {
  readonly lines: LoggedLine[];
  readonly #bindings: LogFields;

  constructor(lines: LoggedLine[] = [], bindings: LogFields = {}) {
    this.lines = lines;
    this.#bindings = bindings;
  }

  debug(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'debug', message, fields: { ...this.#bindings, ...fields } });
  }

  info(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'info', message, fields: { ...this.#bindings, ...fields } });
  }

  warn(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'warn', message, fields: { ...this.#bindings, ...fields } });
  }

  error(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'error', message, fields: { ...this.#bindings, ...fields } });
  }

  child(fields: LogFields): Logger {
    return new MemoryLogger(this.lines, { ...this.#bindings, ...fields });
  }
}
