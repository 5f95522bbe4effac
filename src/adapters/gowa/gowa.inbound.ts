import type { InboundMessage } from '../../application/ports/receipt-source.port.ts';
import { asRecord, asString } from '../http-support/json-value.ts';

/**
 * A contact's message (docs/contracts/providers/cloudapi.md §6, docs/contracts/providers/gowa.md §6): v8+ `{"event": "message", "payload": {from, is_from_me,
 * chat_id, body, timestamp}}`, or v7's bare `{sender_id, message: {text}}`. Our own messages
 * (`is_from_me`), group chats and senders known only by a LID carry no opt-out.
 */
export function gowaInbound(body: unknown): InboundMessage[] {
  const envelope = asRecord(body);
  if (envelope === undefined) return [];
  if (envelope['event'] === 'message') {
    const payload = asRecord(envelope['payload']);
    if (payload === undefined || payload['is_from_me'] === true) return [];
    if (asString(payload['chat_id'])?.endsWith('@g.us') === true) return [];
    const from = /^(\d{8,15})@s\.whatsapp\.net$/u.exec(asString(payload['from']) ?? '')?.[1];
    const text = asString(payload['body']);
    if (from === undefined || text === undefined) return [];
    return [{ from: `+${from}`, text, at: dateOf(payload['timestamp']) }];
  }
  if (envelope['event'] === undefined && envelope['is_from_me'] !== true) {
    const from = asString(envelope['sender_id']);
    const text = asString(asRecord(envelope['message'])?.['text']);
    if (from === undefined || !/^\d{8,15}$/u.test(from) || text === undefined) return [];
    if (asString(envelope['chat_id'])?.endsWith('@g.us') === true) return [];
    return [{ from: `+${from}`, text, at: dateOf(envelope['timestamp']) }];
  }
  return [];
}

function dateOf(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  return date !== undefined && Number.isFinite(date.getTime()) ? date : new Date();
}
