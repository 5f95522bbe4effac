import type { LogFields, Logger } from '../../application/ports/logger.port.ts';
import type { LogLevel } from './json-log.config.ts';
import type { LogSanitizer } from './log-sanitizer.ts';

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** One JSON object per line, every field passed through the sanitiser. */
export class JsonLogger implements Logger {
  readonly #level: LogLevel;
  readonly #sanitizer: LogSanitizer;
  readonly #write: (line: string) => void;
  readonly #bindings: LogFields;

  constructor(options: { level: LogLevel; sanitizer: LogSanitizer; write: (line: string) => void; bindings?: LogFields }) {
    this.#level = options.level;
    this.#sanitizer = options.sanitizer;
    this.#write = options.write;
    this.#bindings = options.bindings ?? {};
  }

  debug(message: string, fields?: LogFields): void {
    this.#log('debug', message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.#log('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.#log('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.#log('error', message, fields);
  }

  child(fields: LogFields): Logger {
    return new JsonLogger({
      level: this.#level,
      sanitizer: this.#sanitizer,
      write: this.#write,
      bindings: { ...this.#bindings, ...fields },
    });
  }

  #log(level: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields | undefined): void {
    if (SEVERITY[level] < SEVERITY[this.#level]) return;
    const entry = this.#sanitizer.value({ ...this.#bindings, ...fields }) as LogFields;
    // A field named time, level or msg must not overwrite the line's own (a warning shown as "debug").
    const own = { time: new Date().toISOString(), level, msg: this.#sanitizer.text(message) };
    // JSON leaves U+2028 and U+2029 raw, and line readers (readline, most log shippers) split on them.
    const line = JSON.stringify(Object.assign({ ...own }, entry, own)).replace(
      /[\u2028\u2029]/gu,
      (separator) => `\\u${separator.charCodeAt(0).toString(16)}`,
    );
    this.#write(`${line}\n`);
  }
}
