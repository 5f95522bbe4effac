import { asRecord, asString } from '../http-support/json-value.ts';

/**
 * A whatsapp-web.js message id, `{fromMe, remote, id, _serialized}`, where `_serialized` is
 * `<fromMe>_<remote chat>_<id>` (docs/contracts/providers/waapi.md §7). `id` is the message's hash; the chat part can change
 * between the send and its acks when WhatsApp names the chat by a LID (`…@lid`) instead of the number, so
 * the hash is what a delivery is kept under, and the serialized form is an alias for deliveries recorded
 * before that.
 */
export interface WaapiMessageId {
  readonly hash: string;
  readonly serialized: string | undefined;
}

/** Reads an id object, or a bare serialized string; undefined when neither form is there. */
export function waapiMessageId(id: unknown): WaapiMessageId | undefined {
  const serialized = asString(id) ?? asString(asRecord(id)?.['_serialized']);
  const hash = asString(asRecord(id)?.['id']) ?? (serialized === undefined ? undefined : hashOf(serialized));
  if (hash === undefined || hash === '') return undefined;
  return { hash, serialized };
}

/** The last part of `<fromMe>_<chat>_<hash>`; a chat id never holds an underscore. Anything else is kept whole. */
function hashOf(serialized: string): string {
  return /^(?:true|false)_[^_]+_([^_]+)/u.exec(serialized)?.[1] ?? serialized;
}
