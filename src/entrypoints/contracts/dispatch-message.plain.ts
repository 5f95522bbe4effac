import { isRecord } from './plain-values.ts';

const DELIVERY_ID = /^[0-9a-f]{32}$/u;

/** The delivery id of a dispatch message dispatch-message.schema.ts surely accepts; else undefined (plain-values.ts). */
export function plainDispatchMessage(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const id = value['deliveryId'];
  return typeof id === 'string' && DELIVERY_ID.test(id) ? id : undefined;
}
