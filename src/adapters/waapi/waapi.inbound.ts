import type { InboundMessage } from '../../application/ports/receipt-source.port.ts';
import { asRecord, asString } from '../http-support/json-value.ts';

/**
 * A contact's message (docs/contracts/providers/cloudapi.md §6): `message` (received) or `message_create` (also our own sends),
 * `{event, instanceId, data: {message: {from, body, fromMe, type, _data: {…}}}}`, read with and without
 * `_data`. Our own messages echoed back (`fromMe`) would otherwise turn "Responda BAJA…" into an opt-out;
 * group chats and `…@lid` senders carry none either.
 */
export function waapiInbound(envelope: Record<string, unknown>): InboundMessage[] {
  if (envelope['event'] !== 'message' && envelope['event'] !== 'message_create') return [];
  const message = asRecord(asRecord(envelope['data'])?.['message']);
  const inner = asRecord(message?.['_data']);
  const field = (name: string): unknown => message?.[name] ?? inner?.[name];
  if (field('fromMe') === true || asRecord(field('id'))?.['fromMe'] === true) return [];
  const from = /^(\d{8,15})@c\.us$/u.exec(asString(field('from')) ?? '')?.[1];
  const text = asString(field('body'));
  if (from === undefined || text === undefined) return [];
  const seconds = Number(field('timestamp') ?? field('t'));
  return [{ from: `+${from}`, text, at: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date() }];
}
