export type LogFields = Record<string, unknown>;

/**
 * Structured logging. Implementations mask phone numbers and redact secrets in every field, so
 * callers may log what they have; they should still prefer masked values and ids.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}
