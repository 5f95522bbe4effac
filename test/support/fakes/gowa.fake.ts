import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { InboundCallback } from '../../../src/application/ports/receipt-source.port.ts';
import type { Fault, ProviderFake } from '../../contract/messaging.contract.ts';
import { jsonAnswer as json, type FakeAnswer as Answer } from './fake-http.ts';
import { FreeTextFake } from './free-text-fake.ts';

/** A device slot's WhatsApp state (docs/contracts/providers/gowa.md §5: `GET /devices` states, plus v8's logged-out slot). */
export type GowaDeviceState = 'logged_in' | 'connected' | 'disconnected' | 'logged_out';

export interface GowaDevice {
  /** The slot id (what X-Device-Id names). */
  readonly id: string;
  /** The account's JID, which X-Device-Id may name instead. */
  readonly jid: string;
}

export interface GowaFakeOptions {
  /** Basic auth as APP_BASIC_AUTH sets it; `null` runs the gateway without authentication. */
  readonly credentials?: { readonly username: string; readonly password: string } | null;
  readonly devices?: readonly GowaDevice[];
  /** Whether `env` names a device (GOWA_DEVICE_ID); the first one when true. */
  readonly deviceIdInEnv?: boolean;
  readonly webhookSecret?: string;
  /** Numbers (digits) for which WhatsApp's IsOnWhatsApp check says no. */
  readonly notOnWhatsApp?: readonly string[];
  /** How long a `timeout` fault keeps the caller waiting before the fake answers at all. */
  readonly slowMs?: number;
}

const gowaError = (status: number, code: string, message: string, results?: unknown): Answer =>
  json(status, results === undefined ? { code, message } : { code, message, results });
/** Fiber's basicauth middleware, not gowa, refuses credentials: plain text and a challenge (docs/contracts/providers/gowa.md §1.3). */
const BASIC_AUTH_REFUSED: Answer = {
  status: 401,
  body: 'Unauthorized',
  headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Basic realm="Restricted", charset="UTF-8"' },
};
const NOT_LOGGED_IN = gowaError(401, 'AUTHENTICATION_ERROR', 'you are not logged in');
const REACHOUT_TIMELOCK = gowaError(
  429,
  'WA_REACHOUT_TIMELOCK',
  'WhatsApp rejected this send (error 463). This usually means the recipient is a cold contact (no prior conversation), the WhatsApp account is restricted to mobile-only by Meta, or privacy tokens are missing/expired. Try messaging this number from the official WhatsApp app once, ask the recipient to message you first, or wait a few minutes before retrying.',
);

/** JSON as Go's `json.Marshal` writes a map: keys sorted, `<`, `>`, `&` and U+2028/9 escaped; gowa signs exactly these bytes. */
export function goJson(value: unknown): string {
  const sorted = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sorted);
    if (typeof item !== 'object' || item === null) return item;
    return Object.fromEntries(
      Object.keys(item)
        .sort()
        .map((key) => [key, sorted((item as Record<string, unknown>)[key])]),
    );
  };
  return JSON.stringify(sorted(value)).replace(/[<>&\u2028\u2029]/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const gowaSignature = (secret: string, body: string | Uint8Array) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const urlDecoded = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** Go's `time.Time.String()` in UTC, as in gowa's "Message sent to … (server timestamp: …)". */
const goTime = (date: Date) => `${date.toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;

/**
 * go-whatsapp-web-multidevice v9.2 as docs/contracts/providers/gowa.md describes it: Fiber basic auth in front (plain-text
 * 401), the v8 device middleware (X-Device-Id, DEVICE_ID_REQUIRED, DEVICE_NOT_FOUND), `/send/message`
 * with its validation, login checks, IsOnWhatsApp check and error codes, a malformed body answered
 * 500, `/app/status`, and signed `message.ack` webhooks.
 */
export class GowaFake extends FreeTextFake implements ProviderFake {
  readonly credentials: { readonly username: string; readonly password: string } | null;
  readonly devices: readonly GowaDevice[];
  readonly webhookSecret: string;
  readonly secrets: readonly string[];
  readonly deviceIdInEnv: boolean;
  /** The state of every device slot; a test may change it. */
  state: GowaDeviceState = 'logged_in';
  readonly #notOnWhatsApp: ReadonlySet<string>;
  readonly #slowMs: number;
  readonly #chats = new Map<string, { chat: string; device: GowaDevice }>();

  constructor(options: GowaFakeOptions = {}) {
    super('gowa');
    this.credentials =
      options.credentials === undefined
        ? { username: 'cvt', password: `gowa-pass-${randomBytes(10).toString('hex')}` }
        : options.credentials;
    this.devices = options.devices ?? [{ id: 'cvt-main', jid: '50670000000@s.whatsapp.net' }];
    this.deviceIdInEnv = options.deviceIdInEnv ?? true;
    this.webhookSecret = options.webhookSecret ?? `gowa-hook-${randomBytes(12).toString('hex')}`;
    const basic =
      this.credentials === null ? '' : Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64');
    this.secrets = [this.credentials?.password ?? '', basic, this.webhookSecret].filter((secret) => secret !== '');
    this.#notOnWhatsApp = new Set(options.notOnWhatsApp ?? []);
    this.#slowMs = options.slowMs ?? 1_500;
  }

  /** A v8+ `message.ack` webhook exactly as gowa posts it for one of its messages (docs/contracts/providers/gowa.md §6.2–6.4). */
  receipt(providerMessageId: string, status: 'delivered' | 'read', secretOk: boolean): InboundCallback {
    const sent = this.#chats.get(providerMessageId);
    const device = sent?.device ?? this.devices[0]!;
    const chat = sent?.chat ?? '50688888888@s.whatsapp.net';
    const body = goJson({
      event: 'message.ack',
      timestamp: new Date().toISOString().slice(0, 19) + 'Z',
      device_id: device.jid,
      session_id: device.id,
      payload: {
        ids: [providerMessageId],
        chat_id: chat,
        from: chat,
        sender_display_name: 'Cliente',
        receipt_type: status,
        receipt_type_description:
          status === 'delivered'
            ? 'means the message was delivered to the device (but the user might not have noticed).'
            : 'the user opened the chat and saw the message.',
      },
    });
    return {
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': gowaSignature(secretOk ? this.webhookSecret : `not-${this.webhookSecret}`, body),
      },
      query: {},
      rawBody: Buffer.from(body),
    };
  }

  /** A v8+ `message` webhook (docs/contracts/providers/gowa.md §6, docs/contracts/providers/cloudapi.md §6): a contact's text, or our own (`is_from_me`) echoed back. */
  inbound(fromDigits: string, text: string, options: { fromMe?: boolean } = {}): InboundCallback {
    const device = this.devices[0]!;
    const chat = `${fromDigits}@s.whatsapp.net`;
    const body = goJson({
      event: 'message',
      timestamp: new Date().toISOString().slice(0, 19) + 'Z',
      device_id: device.jid,
      session_id: device.id,
      payload: {
        id: `3EB0${randomBytes(8).toString('hex').toUpperCase()}`,
        chat_id: chat,
        from: options.fromMe === true ? device.jid : chat,
        from_name: 'Ana',
        timestamp: new Date().toISOString().slice(0, 19) + 'Z',
        is_from_me: options.fromMe === true,
        body: text,
      },
    });
    return {
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': gowaSignature(this.webhookSecret, body) },
      query: {},
      rawBody: Buffer.from(body),
    };
  }

  protected async answer(request: IncomingMessage, body: string): Promise<Answer | undefined> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /health') return { status: 200, body: 'OK', headers: { 'content-type': 'text/plain; charset=utf-8' } };
    const isSend = route === 'POST /send/message';
    const fault = isSend ? this.sendCall() : undefined;
    if (fault !== undefined) return this.#faultAnswer(fault);
    if (!this.#authorised(request.headers.authorization)) return BASIC_AUTH_REFUSED;
    if (!isSend && route !== 'GET /app/status')
      return { status: 404, body: `Cannot ${route}`, headers: { 'content-type': 'text/plain; charset=utf-8' } };
    const device = this.#device(request.headers['x-device-id'], url.searchParams.get('device_id'));
    if ('status' in device) return device;
    return isSend ? this.#send(body, device) : this.#status(device);
  }

  #authorised(header: string | undefined): boolean {
    if (this.credentials === null) return true;
    const encoded = /^Basic (.+)$/u.exec(header ?? '')?.[1];
    if (encoded === undefined) return false;
    return Buffer.from(encoded, 'base64').toString('utf8') === `${this.credentials.username}:${this.credentials.password}`;
  }

  /** The v8 device middleware (docs/contracts/providers/gowa.md §4.2): header, then query, then the only device, else 400. */
  #device(header: string | string[] | undefined, query: string | null): GowaDevice | Answer {
    const named = (typeof header === 'string' ? urlDecoded(header).trim() : '') || (query ?? '').trim();
    if (named === '') {
      if (this.devices.length === 1) return this.devices[0]!;
      return gowaError(400, 'DEVICE_ID_REQUIRED', 'device_id is required via X-Device-Id header or device_id query');
    }
    const found = this.devices.find((device) => device.id === named || device.jid === named);
    return found ?? gowaError(404, 'DEVICE_NOT_FOUND', `device ${named} not found; create it first via /api/devices`, { device_id: named });
  }

  #send(raw: string, device: GowaDevice): Answer {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(raw) as Record<string, unknown>;
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('not an object');
    } catch {
      // The handler panics on a body it cannot bind; the recovery middleware makes that a 500 (docs/contracts/providers/gowa.md §1.3).
      return gowaError(500, 'INTERNAL_SERVER_ERROR', 'json: cannot unmarshal the request body into domainSend.MessageRequest');
    }
    const phone = typeof input['phone'] === 'string' ? input['phone'] : '';
    const message = typeof input['message'] === 'string' ? input['message'] : '';
    // ozzo-validation's Required, sorted by field: an empty string is blank, spaces are not.
    const blank = [message === '' ? 'message: cannot be blank' : '', phone === '' ? 'phone: cannot be blank' : ''].filter(Boolean);
    if (blank.length > 0) return gowaError(400, 'VALIDATION_ERROR', `${blank.join('; ')}.`);
    const bare = phone.replace(/^\+/u, '');
    if (bare.startsWith('0')) {
      return gowaError(
        400,
        'VALIDATION_ERROR',
        'phone number must be in international format (should not start with 0). For Indonesian numbers, use 62xxx format instead of 08xxx',
      );
    }
    if (this.state === 'logged_out') return gowaError(500, 'INVALID_WA_CLI', 'your WhatsApp CLI is invalid or empty');
    if (this.state === 'disconnected')
      return gowaError(401, 'AUTHENTICATION_ERROR', 'you are not connect to services server, please reconnect');
    if (this.state === 'connected') return NOT_LOGGED_IN;
    // SanitizePhone appends the server; spaces or dashes are kept, so such a number fails the IsOnWhatsApp check (docs/contracts/providers/gowa.md §2).
    const jid = bare.includes('@') ? bare : `${bare}@s.whatsapp.net`;
    const digits = /^(\d{7,15})@s\.whatsapp\.net$/u.exec(jid)?.[1];
    if (digits === undefined || this.#notOnWhatsApp.has(digits)) return gowaError(400, 'INVALID_JID', `Phone ${jid} is not on whatsapp`);
    const id = `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;
    this.took({ to: `+${digits}`, text: message }, id);
    this.#chats.set(id, { chat: jid, device });
    const said = `Message sent to ${jid} (server timestamp: ${goTime(new Date())})`;
    return json(200, { code: 'SUCCESS', message: said, results: { message_id: id, status: said } });
  }

  #status(device: GowaDevice): Answer {
    const connected = this.state === 'logged_in' || this.state === 'connected';
    return json(200, {
      code: 'SUCCESS',
      message: 'Connection status retrieved',
      results: { is_connected: connected, is_logged_in: this.state === 'logged_in', device_id: device.id, jid: device.jid },
    });
  }

  async #faultAnswer(fault: Fault): Promise<Answer | undefined> {
    switch (fault) {
      case 'rate_limited':
        return REACHOUT_TIMELOCK;
      case 'server_error':
        return gowaError(500, 'INTERNAL_SERVER_ERROR', 'failed to send message: server returned error 500');
      case 'unauthorized':
        return BASIC_AUTH_REFUSED;
      case 'invalid_recipient':
        return gowaError(400, 'INVALID_JID', 'Phone 50688888888@s.whatsapp.net is not on whatsapp');
      case 'not_ready':
        return NOT_LOGGED_IN;
      case 'timeout':
        await this.held.wait(this.#slowMs);
        return gowaError(504, 'GATEWAY_TIMEOUT', 'context deadline exceeded');
      default:
        return undefined;
    }
  }
}

export interface StartedGowaFake {
  readonly url: string;
  /** The settings that point the service at this fake (credentials and device only when the gateway has them). */
  readonly env: Record<string, string>;
  readonly fake: GowaFake;
  close(): Promise<void>;
}

export async function startGowaFake(options: GowaFakeOptions = {}): Promise<StartedGowaFake> {
  const fake = new GowaFake(options);
  const { url, close } = await fake.listen();
  const env: Record<string, string> = { GOWA_BASE_URL: url, GOWA_WEBHOOK_SECRET: fake.webhookSecret };
  if (fake.credentials !== null) Object.assign(env, { GOWA_USERNAME: fake.credentials.username, GOWA_PASSWORD: fake.credentials.password });
  if (fake.deviceIdInEnv && fake.devices[0] !== undefined) env['GOWA_DEVICE_ID'] = fake.devices[0].id;
  return { url, env, fake, close };
}
