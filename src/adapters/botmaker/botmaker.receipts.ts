import { err, ok } from '../../domain/shared/result.ts';
import type { InboundCallback, Receipt, ReceiptParse, ReceiptSource } from '../../application/ports/receipt-source.port.ts';
import { isRecord } from '../http-support/json-value.ts';
import { sameSecret } from '../http-support/same-secret.ts';
import { botmakerInbound } from './botmaker.inbound.ts';

type Status = Receipt['status'];

// Maps, not object literals: a status named `constructor` or `__proto__` must not find what every object inherits.
const STATUSES: ReadonlyMap<string, Status> = new Map([
  ['delivered', 'delivered'],
  ['read', 'read'],
]);
/** Session events of API v2 (`GET /sessions?include-events=true`, docs/contracts/providers/botmaker.md §3). */
const EVENTS: ReadonlyMap<string, Status> = new Map([
  ['notification-delivered', 'delivered'],
  ['notification-read', 'read'],
]);

/**
 * Botmaker's webhook calls (`POST /webhooks/botmaker`). Botmaker sends the webhook's token in the
 * `auth-bm-token` header (v2 spec `WebhookFullResponse.token`); without BOTMAKER_WEBHOOK_TOKEN every
 * call is refused. Botmaker stops calling a webhook that fails 100 times in 10 minutes and loses what it
 * would have sent (docs/contracts/providers/botmaker.md), so a body we cannot read is answered with no receipt, never an error.
 */
export class BotmakerReceipts implements ReceiptSource {
  readonly provider = 'botmaker';
  readonly #token: string | undefined;

  constructor(webhookToken: string | undefined) {
    this.#token = webhookToken;
  }

  parseReceipts(callback: InboundCallback): ReceiptParse {
    try {
      if (this.#token === undefined || !sameSecret(headerOf(callback.headers, 'auth-bm-token'), this.#token)) return err('unauthorized');
      const body = JSON.parse(new TextDecoder().decode(callback.rawBody)) as unknown;
      const notifications = Array.isArray(body) ? body : [body];
      const inbound = notifications.flatMap(botmakerInbound);
      return ok({ receipts: notifications.flatMap(receiptsOf), ...(inbound.length === 0 ? {} : { inbound }) });
    } catch {
      return ok({ receipts: [] });
    }
  }
}

/**
 * - v1.1 `type: "status"` (docs/contracts/providers/botmaker.md): `status` delivered|read, `messageId` (Botmaker's id of the message)
 *   and `clientPayload`, the `webhookPayload` we sent, i.e. our delivery id. The delivery id is preferred:
 *   `messageId` names Botmaker's message, which need not be the `webhookNotificationId` we stored.
 * - v2 session events `notification-delivered` / `notification-read` with `info.webhookPayload` and
 *   `info.messageId`, alone or in an `events` list.
 * Anything else (`type: "message"`, other statuses, unknown shapes) carries no receipt.
 */
function receiptsOf(notification: unknown): Receipt[] {
  if (!isRecord(notification)) return [];
  if (Array.isArray(notification['events'])) return notification['events'].flatMap(receiptsOf);
  if (notification['type'] === 'status') {
    const status = STATUSES.get(lower(notification['status']));
    return status === undefined ? [] : receipt(status, notification['clientPayload'], notification['messageId']);
  }
  const status = EVENTS.get(lower(notification['name'] ?? notification['type']));
  const info = notification['info'];
  if (status === undefined || !isRecord(info)) return [];
  return receipt(status, info['webhookPayload'], info['messageId']);
}

function receipt(status: Status, deliveryId: unknown, providerMessageId: unknown): Receipt[] {
  if (isId(deliveryId)) return [{ status, deliveryId }];
  if (isId(providerMessageId)) return [{ status, providerMessageId }];
  return [];
}

function headerOf(headers: InboundCallback['headers'], name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

const isId = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= 200;
const lower = (value: unknown): string => (typeof value === 'string' ? value.toLowerCase() : '');
