import type { Result } from '../../domain/shared/result.ts';
import { isRecord, readPlainFirst } from './plain-values.ts';

const DELIVERY_ID = /^[0-9a-f]{32}$/u;

/** The delivery id of a dispatch message dispatch-message.schema.ts surely accepts; else undefined (plain-values.ts). */
export function plainDispatchMessage(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const id = value['deliveryId'];
  return typeof id === 'string' && DELIVERY_ID.test(id) ? id : undefined;
}

/** A dispatch message as dispatch-message.schema.ts reads it, the schema loaded only for a message left undecided here. */
export function readDispatchMessage(text: string): Promise<Result<string, string>> {
  return readPlainFirst(text, plainDispatchMessage, (schemas) => schemas.parseDispatchMessage);
}
