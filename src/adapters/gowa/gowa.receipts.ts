import { err, ok } from '../../domain/shared/result.ts';
import { createHmac } from 'node:crypto';
import type { InboundCallback, Receipt, ReceiptParse, ReceiptSource } from '../../application/ports/receipt-source.port.ts';
import { asRecord, asString } from '../http-support/json-value.ts';
import { sameSecret } from '../http-support/same-secret.ts';
import type { GowaConfig } from './gowa.config.ts';
import { gowaInbound } from './gowa.inbound.ts';

const NONE: ReceiptParse = ok({ receipts: [] });

/**
 * Receipt types gowa forwards (docs/contracts/providers/gowa.md §6.4): whatsmeow's delivered (sent as "delivered") and "read".
 * "read-self" is the account reading an incoming message on another device, not a recipient's read;
 * "played" and the rest are not receipts of ours.
 */
const RECEIPT_STATUS: Readonly<Record<string, 'delivered' | 'read'>> = { delivered: 'delivered', read: 'read' };

/**
 * gowa's `message.ack` webhooks at `/webhooks/gowa`, signed `X-Hub-Signature-256: sha256=<hex
 * HMAC-SHA256(secret, raw body)>` (docs/contracts/providers/gowa.md §6.2). One event can acknowledge several messages
 * (`payload.ids`). The v8+ envelope adds `device_id`/`session_id` around the same `payload.ids` and
 * `payload.receipt_type` that v7.3+ sends (§6.4), so both read alike; v7 forwards one receipt per
 * linked device, and gowa may repeat a webhook, so duplicates are normal (receipts only move forward).
 */
export class GowaReceipts implements ReceiptSource {
  readonly provider = 'gowa';
  readonly #secret: string | undefined;

  constructor(settings: Pick<GowaConfig, 'GOWA_WEBHOOK_SECRET'>) {
    this.#secret = settings.GOWA_WEBHOOK_SECRET;
  }

  parseReceipts(callback: InboundCallback): ReceiptParse {
    if (this.#secret === undefined) return err('unauthorized');
    const signature = headerOf(callback.headers, 'x-hub-signature-256')?.trim().toLowerCase();
    const expected = `sha256=${createHmac('sha256', this.#secret).update(callback.rawBody).digest('hex')}`;
    if (signature === undefined || !sameSecret(signature, expected)) return err('unauthorized');
    try {
      const body = JSON.parse(Buffer.from(callback.rawBody).toString('utf8')) as unknown;
      const inbound = gowaInbound(body);
      return ok({ receipts: readAck(body), ...(inbound.length === 0 ? {} : { inbound }) });
    } catch {
      return NONE;
    }
  }
}

function readAck(body: unknown): Receipt[] {
  const envelope = asRecord(body);
  if (envelope?.['event'] !== 'message.ack') return [];
  const payload = asRecord(envelope['payload']);
  const type = asString(payload?.['receipt_type']) ?? '';
  const status = Object.hasOwn(RECEIPT_STATUS, type) ? RECEIPT_STATUS[type] : undefined;
  const ids = payload?.['ids'];
  if (status === undefined || !Array.isArray(ids)) return [];
  const unique = new Set(ids.map(asString).filter((id) => id !== undefined));
  return [...unique].map((providerMessageId) => ({ status, providerMessageId }));
}

function headerOf(headers: InboundCallback['headers'], name: string): string | undefined {
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}
