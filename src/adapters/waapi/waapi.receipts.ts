import { err, ok } from '../../domain/shared/result.ts';
import type { InboundCallback, Receipt, ReceiptParse, ReceiptSource } from '../../application/ports/receipt-source.port.ts';
import { asRecord } from '../http-support/json-value.ts';
import { sameSecret } from '../http-support/same-secret.ts';
import type { WaapiConfig } from './waapi.config.ts';
import { waapiInbound } from './waapi.inbound.ts';
import { waapiMessageId } from './waapi.message-id.ts';

const NONE: ReceiptParse = ok({ receipts: [] });

/**
 * whatsapp-web.js ack levels, which Waapi forwards as they are (docs/contracts/providers/waapi.md §7): -1 error, 0 pending,
 * 1 reached the server, 2 reached the phone, 3 read, 4 played (a voice note heard, so read too).
 */
const ACK_STATUS: Readonly<Record<number, 'delivered' | 'read' | 'failed'>> = { [-1]: 'failed', 2: 'delivered', 3: 'read', 4: 'read' };
/** whatsapp-web.js gives no reason with ACK_ERROR: this is all that is known. */
const ACK_ERROR_REASON = 'WhatsApp reported an error for this message (waapi ack -1): it was not delivered';

/**
 * Waapi's `message_ack` webhooks at `/webhooks/waapi?token=…`. Waapi signs nothing (docs/contracts/providers/waapi.md §7),
 * so the URL carries WAAPI_WEBHOOK_TOKEN (docs/contracts/product.md §7), and a call naming another instance is ignored.
 */
export class WaapiReceipts implements ReceiptSource {
  readonly provider = 'waapi';
  readonly #token: string | undefined;
  readonly #instanceId: string;

  constructor(settings: Pick<WaapiConfig, 'WAAPI_WEBHOOK_TOKEN' | 'WAAPI_INSTANCE_ID'>) {
    this.#token = settings.WAAPI_WEBHOOK_TOKEN;
    this.#instanceId = settings.WAAPI_INSTANCE_ID;
  }

  parseReceipts(callback: InboundCallback): ReceiptParse {
    if (this.#token === undefined || !sameSecret(callback.query['token'], this.#token)) return err('unauthorized');
    try {
      const body = JSON.parse(Buffer.from(callback.rawBody).toString('utf8')) as unknown;
      const envelope = asRecord(body);
      const instanceId = envelope?.['instanceId'];
      if (envelope === undefined || (instanceId !== undefined && instanceId !== null && String(instanceId) !== this.#instanceId))
        return NONE;
      const inbound = waapiInbound(envelope);
      const receipt = this.#read(body);
      return ok({ receipts: receipt === undefined ? [] : [receipt], ...(inbound.length === 0 ? {} : { inbound }) });
    } catch {
      return NONE;
    }
  }

  /**
   * The envelope `{event, instanceId, data}` is official (waapi-laravel-sdk WaAPIController); what
   * `data` holds is not documented: `data.message` is a whatsapp-web.js Message (`id._serialized`,
   * `ack`), and a separate `data.ack` may sit beside it (docs/contracts/providers/waapi.md §7), which wins when present
   * because it is the event's own argument.
   */
  #read(body: unknown): Receipt | undefined {
    const envelope = asRecord(body);
    if (envelope?.['event'] !== 'message_ack') return undefined;
    const instanceId = envelope['instanceId'];
    if (instanceId !== undefined && instanceId !== null && String(instanceId) !== this.#instanceId) return undefined;
    const data = asRecord(envelope['data']);
    const message = asRecord(data?.['message']);
    const inner = asRecord(message?.['_data']);
    const id = waapiMessageId(message?.['id']) ?? waapiMessageId(inner?.['id']);
    const ack = [data?.['ack'], message?.['ack'], inner?.['ack']].find((value) => typeof value === 'number');
    const status = typeof ack === 'number' && Object.hasOwn(ACK_STATUS, ack) ? ACK_STATUS[ack] : undefined;
    if (id === undefined || status === undefined) return undefined;
    // Kept under the hash since sends are; the serialized id still finds deliveries recorded before.
    const target = {
      providerMessageId: id.hash,
      ...(id.serialized === undefined || id.serialized === id.hash ? {} : { aliases: [id.serialized] }),
    };
    return status === 'failed' ? { ...target, status, error: ACK_ERROR_REASON } : { ...target, status };
  }
}
