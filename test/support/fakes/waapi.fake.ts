import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { InboundCallback } from '../../../src/application/ports/receipt-source.port.ts';
import type { Fault, ProviderFake } from '../../contract/messaging.contract.ts';
import { jsonAnswer as json, type FakeAnswer as Answer } from './fake-http.ts';
import { FreeTextFake } from './free-text-fake.ts';

/** Instance states of the OpenAPI `instanceStatus` enum (docs/contracts/providers/waapi.md §6). */
export type WaapiInstanceStatus = 'booting' | 'loading_screen' | 'qr' | 'authenticated' | 'auth_failure' | 'ready' | 'disconnected';

export interface WaapiFakeOptions {
  readonly token?: string;
  readonly instanceId?: string;
  readonly webhookToken?: string;
  /** How long a `timeout` fault keeps the caller waiting before the fake answers at all. */
  readonly slowMs?: number;
  /**
   * `openapi`: the send-message example of waapi-openapi.json, `{status, instanceId, data: {_data}}`.
   * `wrapped`: the action result wrapped once more, `{status, data: {status, instanceId, data: {_data, id}}}`,
   * as waapi-php-sdk tests/InnerStatusTest.php fakes it.
   */
  readonly answerShape?: 'openapi' | 'wrapped';
}

const API_PREFIX = '/api/v1';
/** The instance's own WhatsApp number, as a chat id. */
const BUSINESS_CHAT = '50670000000@c.us';
/** Waapi's API is a Laravel app: these are Laravel's stock bodies for 401, 404, 429 and 500. */
const UNAUTHENTICATED = json(401, { message: 'Unauthenticated.' });
const NOT_READY = json(200, { status: 'error', message: 'instance not ready' });
const badChatId = (chatId: string) =>
  json(200, {
    status: 'success',
    data: {
      status: 'error',
      message: 'incorrect chatId format.',
      explanation: `"${chatId}" is not a valid chat id, expected <number>@c.us.`,
    },
  });

/**
 * Waapi as its documented contract describes it (docs/contracts/providers/waapi.md, waapi-openapi.json): Bearer token,
 * one instance, `send-message` with `{chatId, message}`, the HTTP 200 that hides an error in
 * `data.status` (a malformed chat id) or in the outer `status` (instance not ready), Laravel's 401,
 * 404, 422 and 429, and `client/status`.
 */
export class WaapiFake extends FreeTextFake implements ProviderFake {
  readonly token: string;
  readonly instanceId: string;
  readonly webhookToken: string;
  readonly secrets: readonly string[];
  /** The WhatsApp Web session's state; anything but `ready` refuses sends with "instance not ready". */
  instanceStatus: WaapiInstanceStatus = 'ready';
  readonly #slowMs: number;
  readonly #answerShape: 'openapi' | 'wrapped';

  constructor(options: WaapiFakeOptions = {}) {
    super('waapi');
    this.token = options.token ?? `waapi-token-${randomBytes(12).toString('hex')}`;
    this.instanceId = options.instanceId ?? '60123';
    this.webhookToken = options.webhookToken ?? `waapi-hook-${randomBytes(12).toString('hex')}`;
    this.secrets = [this.token, this.webhookToken];
    this.#slowMs = options.slowMs ?? 1_500;
    this.#answerShape = options.answerShape ?? 'openapi';
  }

  /** A `message_ack` webhook as Waapi posts it for one of the fake's messages (docs/contracts/providers/waapi.md §7). */
  receipt(providerMessageId: string, status: 'delivered' | 'read', secretOk: boolean): InboundCallback {
    return this.ack(providerMessageId, status === 'delivered' ? 2 : 3, { secretOk });
  }

  /**
   * A `message_ack` webhook with any whatsapp-web.js ack level (-1 error … 4 played) for a message this fake
   * took, named by its serialized id or its hash (`id.id`). With `lid`, the chat is named by a LID id
   * (`<digits>@lid`), as WhatsApp's move to LIDs does to a chat between the send and its acks: the
   * serialized id changes, the hash does not.
   */
  ack(providerMessageId: string, ack: number, options: { readonly lid?: boolean; readonly secretOk?: boolean } = {}): InboundCallback {
    const serialized =
      this.messageIds().find((id) => id === providerMessageId || id.endsWith(`_${providerMessageId}`)) ?? providerMessageId;
    const [, phoneChat = '', hash = ''] = /^true_(.+@c\.us)_(.+)$/u.exec(serialized) ?? [];
    const chatId = options.lid === true ? `${lidOf(phoneChat)}@lid` : phoneChat;
    const body = {
      event: 'message_ack',
      instanceId: Number(this.instanceId),
      data: {
        message: {
          id: { fromMe: true, remote: chatId, id: hash, _serialized: `true_${chatId}_${hash}` },
          ack,
          body: '…',
          type: 'chat',
          fromMe: true,
          from: '50670000000@c.us',
          to: chatId,
          timestamp: Math.floor(Date.now() / 1_000),
        },
        ack,
      },
    };
    return {
      headers: { 'content-type': 'application/json', 'user-agent': 'WaAPI-Webhook' },
      query: { token: options.secretOk === false ? `not-${this.webhookToken}` : this.webhookToken },
      rawBody: Buffer.from(JSON.stringify(body)),
    };
  }

  /**
   * A message webhook as Waapi posts it (docs/contracts/providers/waapi.md §7): `message` for a contact's
   * message, `message_create` for every message of the chat, a contact's or our own. With `fromMe`, our own
   * message (typed on the business phone or one we sent) echoed back: from the business number to the contact.
   */
  inbound(
    contactDigits: string,
    text: string,
    options: { readonly event?: 'message' | 'message_create'; readonly fromMe?: boolean; readonly secretOk?: boolean } = {},
  ): InboundCallback {
    const fromMe = options.fromMe === true;
    const contact = `${contactDigits}@c.us`;
    const hash = `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;
    const body = {
      event: options.event ?? (fromMe ? 'message_create' : 'message'),
      instanceId: Number(this.instanceId),
      data: {
        message: {
          id: { fromMe, remote: contact, id: hash, _serialized: `${String(fromMe)}_${contact}_${hash}` },
          ack: fromMe ? 1 : 0,
          body: text,
          type: 'chat',
          fromMe,
          from: fromMe ? BUSINESS_CHAT : contact,
          to: fromMe ? contact : BUSINESS_CHAT,
          timestamp: Math.floor(Date.now() / 1_000),
          hasMedia: false,
        },
      },
    };
    return {
      headers: { 'content-type': 'application/json', 'user-agent': 'WaAPI-Webhook' },
      query: { token: options.secretOk === false ? `not-${this.webhookToken}` : this.webhookToken },
      rawBody: Buffer.from(JSON.stringify(body)),
    };
  }

  protected async answer(request: IncomingMessage, body: string): Promise<Answer | undefined> {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const route = /^\/api\/v1\/instances\/([^/]+)\/client\/(action\/send-message|status)$/u.exec(path);
    if (route === null) return json(404, { message: 'Not Found' });
    const [, instanceId, action] = route;
    const isSend = action === 'action/send-message';
    const fault = isSend ? this.sendCall() : undefined;
    if (fault !== undefined) return this.#faultAnswer(fault);
    if (request.headers.authorization !== `Bearer ${this.token}`) return UNAUTHENTICATED;
    if ((isSend ? 'POST' : 'GET') !== request.method)
      return json(405, { message: `The ${request.method} method is not supported for route.` });
    if (instanceId !== this.instanceId) return json(404, { message: 'instance does not exist or does not belong to you' });
    return isSend ? this.#send(body) : this.#status();
  }

  #send(raw: string): Answer {
    if (this.instanceStatus !== 'ready') return NOT_READY;
    let input: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) input = parsed as Record<string, unknown>;
    } catch {
      // Laravel reads an unparsable JSON body as no input at all, which then fails validation.
    }
    const errors: Record<string, string[]> = {};
    if (typeof input['chatId'] !== 'string' || input['chatId'] === '') errors['chatId'] = ['The chat id field is required.'];
    if (typeof input['message'] !== 'string' || input['message'] === '') errors['message'] = ['The message field is required.'];
    const fields = Object.values(errors);
    if (fields.length > 0) return json(422, { message: fields[0]![0], errors });
    const chatId = input['chatId'] as string;
    const person = /^(\d{6,15})@c\.us$/u.exec(chatId);
    if (person === null) return badChatId(chatId);
    const text = input['message'] as string;
    const hash = `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;
    this.took({ to: `+${person[1]}`, text }, `true_${chatId}_${hash}`);
    const message = {
      _data: {
        id: { fromMe: true, remote: chatId, id: hash, _serialized: `true_${chatId}_${hash}` },
        body: text,
        type: 'chat',
        t: Math.floor(Date.now() / 1_000),
        from: { server: 'c.us', user: '50670000000', _serialized: '50670000000@c.us' },
        to: { server: 'c.us', user: person[1], _serialized: chatId },
        ack: 0,
      },
    };
    if (this.#answerShape === 'openapi') return json(200, { status: 'success', instanceId: this.instanceId, data: message });
    const wrapped = { ...message, id: message._data.id };
    return json(200, { status: 'success', data: { status: 'success', instanceId: this.instanceId, data: wrapped } });
  }

  #status(): Answer {
    return json(200, {
      clientStatus: {
        status: 'success',
        instanceId: this.instanceId,
        name: 'CVT',
        data: null,
        instanceStatus: this.instanceStatus,
        instanceWebhook: 'https://cvt.example/webhooks/waapi?token=***',
        instanceEvents: ['message_ack'],
      },
      links: { self: `https://waapi.app/api/v1/instances/${this.instanceId}/client/status` },
      status: 'success',
    });
  }

  async #faultAnswer(fault: Fault): Promise<Answer | undefined> {
    switch (fault) {
      case 'rate_limited':
        return json(429, { message: 'Too Many Attempts.' }, { 'retry-after': '2' });
      case 'server_error':
        return json(500, { message: 'Server Error' });
      case 'unauthorized':
        return UNAUTHENTICATED;
      case 'invalid_recipient':
        return badChatId('50688888888@c.u');
      case 'not_ready':
        return NOT_READY;
      case 'timeout':
        await this.held.wait(this.#slowMs);
        return { status: 504, body: '<html><body><h1>504 Gateway Time-out</h1></body></html>', headers: { 'content-type': 'text/html' } };
      default:
        return undefined;
    }
  }
}

/** A LID is an opaque number WhatsApp gives a contact instead of its phone; derived here so tests can repeat it. */
function lidOf(chatId: string): string {
  const digits = chatId.replace(/\D/gu, '');
  return `${digits.split('').reverse().join('')}${digits.length}`;
}

export interface StartedWaapiFake {
  readonly url: string;
  /** The settings that point the service at this fake. */
  readonly env: { WAAPI_BASE_URL: string; WAAPI_TOKEN: string; WAAPI_INSTANCE_ID: string; WAAPI_WEBHOOK_TOKEN: string };
  readonly fake: WaapiFake;
  close(): Promise<void>;
}

export async function startWaapiFake(options: WaapiFakeOptions = {}): Promise<StartedWaapiFake> {
  const fake = new WaapiFake(options);
  const served = await fake.listen();
  const url = `${served.url}${API_PREFIX}`;
  return {
    url,
    env: { WAAPI_BASE_URL: url, WAAPI_TOKEN: fake.token, WAAPI_INSTANCE_ID: fake.instanceId, WAAPI_WEBHOOK_TOKEN: fake.webhookToken },
    fake,
    close: served.close,
  };
}
