import { err, ok } from '../../domain/shared/result.ts';
import type { Clock } from '../../application/ports/clock.port.ts';
import type {
  InboundCallback,
  InboundMessage,
  MarketingPreference,
  Receipt,
  ReceiptParse,
  ReceiptSource,
  SubscriptionCheck,
  TemplateStatusChange,
} from '../../application/ports/receipt-source.port.ts';
import type { JobTemplates } from '../../domain/messages/job-templates.ts';
import { asRecord, asString } from '../http-support/json-value.ts';
import { sameSecret } from '../http-support/same-secret.ts';
import { hmacSha256Hex } from './cloudapi.signature.ts';
import type { TemplateStates } from './cloudapi.template-states.ts';

const NONE: ReceiptParse = ok({ receipts: [] });

// `played` is a voice message heard: read. `sent` tells nothing the send's answer did not (§3.3).
const STATUSES: ReadonlyMap<string, Receipt['status']> = new Map([
  ['delivered', 'delivered'],
  ['read', 'read'],
  ['played', 'read'],
  ['failed', 'failed'],
]);
const PAUSING = new Set(['PAUSED', 'DISABLED']);
const RESUMING = new Set(['APPROVED', 'REINSTATED', 'UNPAUSED']);
/** "This recipient has chosen to stop receiving marketing messages" (§2). */
const MARKETING_STOPPED = 131050;

export interface CloudApiWebhookSettings {
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly templates: JobTemplates;
}

/**
 * `GET` and `POST /webhooks/cloudapi` (docs/contracts/providers/cloudapi.md §3). A POST counts only with `X-Hub-Signature-256`, the
 * HMAC-SHA256 of the exact raw bytes keyed with the App Secret. `statuses[]` become receipts by wamid,
 * `messages[]` the contacts' own messages, and template status updates pause or resume the jobs that use
 * the template (the messaging adapter reads the same `TemplateStates`). `user_preferences` and failed
 * statuses with 131050 are WhatsApp's marketing stop (§5.1).
 */
export class CloudApiReceipts implements ReceiptSource {
  readonly provider = 'cloudapi';
  readonly #settings: CloudApiWebhookSettings;
  readonly #templateStates: TemplateStates;
  readonly #clock: Clock;

  constructor(settings: CloudApiWebhookSettings, templateStates: TemplateStates, clock: Clock) {
    this.#settings = settings;
    this.#templateStates = templateStates;
    this.#clock = clock;
  }

  verifySubscription(query: InboundCallback['query']): SubscriptionCheck {
    const challenge = query['hub.challenge'];
    if (query['hub.mode'] !== 'subscribe' || challenge === undefined || !sameSecret(query['hub.verify_token'], this.#settings.verifyToken))
      return err('refused');
    return ok(challenge);
  }

  parseReceipts(callback: InboundCallback): ReceiptParse {
    const signature = headerOf(callback.headers, 'x-hub-signature-256')?.trim() ?? '';
    const match = /^sha256=([0-9a-f]{64})$/iu.exec(signature);
    if (match === null || !sameSecret(match[1]!.toLowerCase(), hmacSha256Hex(this.#settings.appSecret, callback.rawBody)))
      return err('unauthorized');
    try {
      return this.#read(JSON.parse(Buffer.from(callback.rawBody).toString('utf8')) as unknown);
    } catch {
      return NONE;
    }
  }

  #read(body: unknown): ReceiptParse {
    const receipts: Receipt[] = [];
    const inbound: InboundMessage[] = [];
    const templates: TemplateStatusChange[] = [];
    const preferences: MarketingPreference[] = [];
    for (const entry of list(asRecord(body)?.['entry'])) {
      for (const change of list(asRecord(entry)?.['changes'])) {
        const field = asRecord(change)?.['field'];
        const value = asRecord(asRecord(change)?.['value']);
        if (value === undefined) continue;
        if (field === 'messages' || field === undefined) {
          for (const status of list(value['statuses'])) {
            receipts.push(...receiptOf(status));
            preferences.push(...marketingStopOf(status));
          }
          for (const message of list(value['messages'])) inbound.push(...inboundOf(message));
        } else if (field === 'user_preferences') {
          for (const preference of list(value['user_preferences'])) preferences.push(...preferenceOf(preference));
        } else if (field === 'message_template_status_update') {
          const update = this.#templateUpdate(value);
          if (update !== undefined) templates.push(update);
        }
      }
    }
    return ok({
      receipts,
      ...(inbound.length === 0 ? {} : { inbound }),
      ...(templates.length === 0 ? {} : { templates }),
      ...(preferences.length === 0 ? {} : { preferences }),
    });
  }

  #templateUpdate(value: Record<string, unknown>): TemplateStatusChange | undefined {
    const template = asString(value['message_template_name']);
    const event = asString(value['event'])?.toUpperCase();
    if (template === undefined || event === undefined) return undefined;
    if (PAUSING.has(event)) this.#templateStates.pause(template, event, this.#clock.now().getTime());
    else if (RESUMING.has(event)) this.#templateStates.resume(template);
    return {
      template,
      language: asString(value['message_template_language']) ?? null,
      event,
      reason: asString(value['reason']) ?? null,
      jobs: Object.entries(this.#settings.templates)
        .filter(([, configured]) => configured.template === template)
        .map(([job]) => job),
    };
  }
}

function receiptOf(value: unknown): Receipt[] {
  const status = asRecord(value);
  const id = asString(status?.['id']);
  const kind = STATUSES.get(String(status?.['status'] ?? ''));
  if (id === undefined || kind === undefined || id.length > 300) return [];
  if (kind !== 'failed') return [{ status: kind, providerMessageId: id }];
  const errors = list(status?.['errors']).map(asRecord);
  const reason = errors
    .map((error) => {
      const details = asString(asRecord(error?.['error_data'])?.['details']);
      return `${String(error?.['code'] ?? '?')}: ${asString(error?.['title']) ?? asString(error?.['message']) ?? 'failed'}${details === undefined ? '' : ` (${details})`}`;
    })
    .join('; ');
  return [{ status: 'failed', providerMessageId: id, error: `failed: Cloud API error ${reason || 'without a reason'}`.slice(0, 500) }];
}

/** `user_preferences[{wa_id, category: "marketing_messages", value: "stop" | "resume", timestamp}]` (§5). */
function preferenceOf(value: unknown): MarketingPreference[] {
  const preference = asRecord(value);
  const phone = asString(preference?.['wa_id']);
  const said = asString(preference?.['value'])?.toLowerCase();
  if (phone === undefined || !/^\d{8,15}$/u.test(phone) || (said !== 'stop' && said !== 'resume')) return [];
  if (asString(preference?.['category']) !== 'marketing_messages') return [];
  return [{ from: `+${phone}`, value: said, at: timeOf(preference?.['timestamp']), signal: `user_preferences ${said}` }];
}

/** A `failed` status with 131050: the recipient stopped our marketing messages (§2, class U). */
function marketingStopOf(value: unknown): MarketingPreference[] {
  const status = asRecord(value);
  const phone = asString(status?.['recipient_id']);
  if (status?.['status'] !== 'failed' || phone === undefined || !/^\d{8,15}$/u.test(phone)) return [];
  const stopped = list(status['errors']).some((error) => Number(asRecord(error)?.['code']) === MARKETING_STOPPED);
  return stopped ? [{ from: `+${phone}`, value: 'stop', at: timeOf(status['timestamp']), signal: 'error 131050 in a status webhook' }] : [];
}

function timeOf(value: unknown): Date {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
}

/** Text, or what a tapped button carries: its payload (which we set) and its label (§6). */
function inboundOf(value: unknown): InboundMessage[] {
  const message = asRecord(value);
  const from = asString(message?.['from']);
  if (from === undefined || !/^\d{8,15}$/u.test(from)) return [];
  const seconds = Number(message?.['timestamp']);
  const at = Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
  const button = asRecord(message?.['button']);
  const reply = asRecord(asRecord(asRecord(message?.['interactive'])?.['button_reply']));
  const texts = [
    asString(asRecord(message?.['text'])?.['body']),
    asString(button?.['payload']),
    asString(button?.['text']),
    asString(reply?.['id']),
    asString(reply?.['title']),
  ].filter((text): text is string => text !== undefined);
  const distinct = [...new Set(texts)];
  // A message without text (an image, a location) still opens the window.
  return (distinct.length === 0 ? [''] : distinct).map((text) => ({ from: `+${from}`, text, at }));
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function headerOf(headers: InboundCallback['headers'], name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
