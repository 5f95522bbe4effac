import type { InboundMessage } from '../../application/ports/receipt-source.port.ts';
import { asRecord, asString, isRecord } from '../http-support/json-value.ts';

/**
 * A contact's messages in Botmaker's v1.1 message notification (botmaker.md §3, docs/contracts/providers/cloudapi.md §6):
 * `{"v": "1.1", "type": "message", "contactId": "+506…", "messages": [{message, from, fromCustomer, isButton, payload?}]}`.
 * One turn mixes the bot's, the operators' and the user's messages: only `fromCustomer: true` counts.
 * A tapped template button carries its `payload` beside its label.
 */
export function botmakerInbound(notification: unknown): InboundMessage[] {
  if (!isRecord(notification) || notification['type'] !== 'message') return [];
  const from = /^\+?(\d{8,15})$/u.exec(asString(notification['contactId']) ?? '')?.[1];
  const messages = notification['messages'];
  if (from === undefined || !Array.isArray(messages)) return [];
  return messages.flatMap((entry): InboundMessage[] => {
    const message = asRecord(entry);
    if (message?.['fromCustomer'] !== true) return [];
    const date = new Date(asString(message['date']) ?? '');
    const at = Number.isFinite(date.getTime()) ? date : new Date();
    const texts = [...new Set([asString(message['message']), asString(message['payload'])].filter((text) => text !== undefined))];
    return texts.map((text) => ({ from: `+${from}`, text, at }));
  });
}
