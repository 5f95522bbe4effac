import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InboundCallback } from '../../../src/application/ports/receipt-source.port.ts';
import type { MessageVariable } from '../../../src/domain/deliveries/message.ts';
import { CONTRACT_TEMPLATES, type AcceptedMessage, type Fault, type ProviderFake } from '../../contract/messaging.contract.ts';
import { startLoopbackServer, type LoopbackServer } from '../loopback-server.ts';
import { HeldAnswers } from './fake-http.ts';

/**
 * Botmaker API v2 on loopback, as docs/contracts/providers/botmaker.md and the v2 spec describe it: `access-token` header,
 * `chats-actions/trigger-intent` and its batch (≤ 500 items, one result per item), 202
 * `{webhookNotificationId}`, 400 `ErrorResponse` `{errors: [{type, source, message}]}`, `GET /channels`.
 * Quirk: a `contactId` with a '+' is accepted but opens another, empty chat (docs/contracts/providers/botmaker.md §1); such
 * messages land in `strayChats()`, not in `accepted()`. Error texts and the 401 body are not published;
 * the ones here are plausible stand-ins in the documented shape.
 */
export interface BotmakerFake extends ProviderFake {
  /** Free-text messages taken by `chats-actions/send-messages` (replies inside the window). */
  replies(): AcceptedMessage[];
  /** A v1.1 `type: "message"` webhook: the contact's text among the bot's own messages of the turn. */
  inbound(contactDigits: string, text: string, options?: { button?: boolean }): InboundCallback;
  /** Messages addressed with a '+': taken by Botmaker, received by nobody. */
  strayChats(): string[];
  batchCalls(): number;
  channelCalls(): number;
  /**
   * The next batch item is answered with this body instead of `{webhookNotificationId}` or an
   * `ErrorResponse`, and the message is not taken: the spec promises one of the two, this is what a
   * change on Botmaker's side (or a partial outage) could answer instead.
   */
  answerNextItemWith(body: Record<string, unknown>): void;
  readonly requests: LoopbackServer['requests'];
}

export interface BotmakerFakeOptions {
  readonly accessToken?: string;
  readonly channelId?: string;
  readonly webhookToken?: string;
  /** How late a `timeout` fault answers; keep it above the adapter's timeout. */
  readonly slowMs?: number;
}

/** Botmaker variables are named; these names differ from ours on purpose, so that the mapping is tested. */
export const BOTMAKER_VARIABLE_NAMES: Readonly<Record<MessageVariable, string>> = {
  titulo: 'titular',
  fuente: 'medio',
  link: 'enlace',
  subject: 'asunto',
  sentimiento: 'sentimiento',
  cliente: 'cliente',
};

/** CONTRACT_TEMPLATES shaped for Botmaker: same templates and order, named variables. */
export const BOTMAKER_CONTRACT_TEMPLATES = Object.fromEntries(
  Object.entries(CONTRACT_TEMPLATES).map(([job, { template, language, params }]) => [
    job,
    { template, language, params: Object.fromEntries(ordered(params).map((variable) => [BOTMAKER_VARIABLE_NAMES[variable], variable])) },
  ]),
);

/** Template name → its Botmaker variable names in order, as the bot's WhatsApp line has them approved. */
const CATALOGUE = new Map<string, string[]>(
  Object.values(CONTRACT_TEMPLATES).map(({ template, params }) => [
    template,
    ordered(params).map((variable) => BOTMAKER_VARIABLE_NAMES[variable]),
  ]),
);

const CALL_FAULTS: readonly Fault[] = ['rate_limited', 'server_error', 'timeout', 'unauthorized'];

interface Sent {
  readonly webhookNotificationId: string;
  readonly webhookPayload: string | undefined;
  readonly contactId: string;
}

type ItemOutcome =
  { readonly ok: true; readonly sent: Sent } | { readonly ok: false; readonly errors: { type: string; source: string; message: string }[] };

export async function startBotmakerFake(options: BotmakerFakeOptions = {}) {
  const accessToken = options.accessToken ?? 'bm-test-access-token-eyJhbGciOiJIUzI1NiJ9.fake';
  const channelId = options.channelId ?? 'botproject-whatsapp-50622223333';
  const webhookToken = options.webhookToken ?? 'bm-webhook-token-1234567890';
  const slowMs = options.slowMs ?? 1_500;
  const accepted: AcceptedMessage[] = [];
  const stray: string[] = [];
  const replies: AcceptedMessage[] = [];
  const sent = new Map<string, Sent>();
  const held = new HeldAnswers();
  let fault: { kind: Fault; times: number } | null = null;
  let calls = 0;
  let batchCalls = 0;
  let channelCalls = 0;
  const oddItems: Record<string, unknown>[] = [];

  const take = (level: 'call' | 'item'): Fault | null => {
    if (fault === null || fault.times <= 0 || CALL_FAULTS.includes(fault.kind) !== (level === 'call')) return null;
    fault.times -= 1;
    return fault.kind;
  };

  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(body === undefined ? '' : JSON.stringify(body));
  };

  const callFault = (kind: Fault, response: ServerResponse): void => {
    if (kind === 'rate_limited') return json(response, 429, undefined);
    if (kind === 'unauthorized')
      return json(response, 401, { errors: [{ type: 'unauthorized', source: 'access-token', message: 'Invalid access token' }] });
    if (kind === 'server_error') {
      response.writeHead(503, { 'content-type': 'text/html' });
      response.end('<html><body><h1>503 Service Unavailable</h1></body></html>');
      return;
    }
    held.after(slowMs, () => {
      if (!response.destroyed) json(response, 504, undefined);
    });
  };

  const itemFault = (kind: Fault): ItemOutcome => {
    if (kind === 'invalid_recipient')
      return { ok: false, errors: [{ type: 'invalid', source: 'chat.contactId', message: 'Invalid contact id for a WhatsApp chat' }] };
    if (kind === 'unknown_template')
      return { ok: false, errors: [{ type: 'not_found', source: 'intentIdOrName', message: 'Intent or template not found' }] };
    throw new Error(`Botmaker cannot show ${kind}: it has no session to lose`);
  };

  const triggerIntent = (item: unknown): ItemOutcome => {
    const { chat, intentIdOrName, variables, webhookPayload } = (typeof item === 'object' && item !== null ? item : {}) as Record<
      string,
      unknown
    >;
    const { channelId: channel, contactId } = (typeof chat === 'object' && chat !== null ? chat : {}) as Record<string, unknown>;
    if (channel !== channelId)
      return { ok: false, errors: [{ type: 'not_found', source: 'chat.channelId', message: 'Channel not found' }] };
    if (typeof contactId !== 'string' || !/^\+?\d{8,15}$/u.test(contactId)) {
      return { ok: false, errors: [{ type: 'invalid', source: 'chat.contactId', message: 'Invalid contact id' }] };
    }
    const names = typeof intentIdOrName === 'string' ? CATALOGUE.get(intentIdOrName) : undefined;
    if (names === undefined)
      return {
        ok: false,
        errors: [{ type: 'not_found', source: 'intentIdOrName', message: `Intent or template '${String(intentIdOrName)}' not found` }],
      };
    const values = (typeof variables === 'object' && variables !== null ? variables : {}) as Record<string, unknown>;
    const missing = names.find((name) => typeof values[name] !== 'string' || (values[name] as string).trim() === '');
    if (missing !== undefined)
      return {
        ok: false,
        errors: [{ type: 'invalid', source: `variables.${missing}`, message: 'WhatsApp template parameters cannot be empty' }],
      };
    if (webhookPayload !== undefined && typeof webhookPayload !== 'string') {
      return { ok: false, errors: [{ type: 'invalid', source: 'webhookPayload', message: 'must be a string' }] };
    }
    const record: Sent = { webhookNotificationId: randomBytes(10).toString('hex').toUpperCase(), webhookPayload, contactId };
    sent.set(record.webhookNotificationId, record);
    if (contactId.startsWith('+')) stray.push(contactId);
    else
      accepted.push({
        to: `+${contactId}`,
        template: { name: intentIdOrName as string, parameters: names.map((name) => values[name] as string) },
      });
    return { ok: true, sent: record };
  };

  const handle = (request: IncomingMessage, response: ServerResponse, raw: string): void => {
    const path = (request.url ?? '').split('?')[0];
    if (request.headers['access-token'] !== accessToken) {
      if (path?.startsWith('/v2.0/chats-actions/')) calls += 1;
      return json(response, 401, { errors: [{ type: 'unauthorized', source: 'access-token', message: 'Invalid access token' }] });
    }
    if (request.method === 'GET' && path === '/v2.0/channels') {
      channelCalls += 1;
      return json(response, 200, {
        items: [
          {
            id: channelId,
            name: 'CVT',
            platform: 'whatsapp',
            active: true,
            number: '50622223333',
            status: 'CONNECTED',
            quality: 'GREEN',
            wabaId: '104729384756',
          },
        ],
      });
    }
    if (request.method === 'POST' && path === '/v2.0/chats-actions/send-messages') {
      let body: { chat?: { channelId?: unknown; contactId?: unknown }; messages?: { text?: unknown }[] };
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        return json(response, 400, { errors: [{ type: 'invalid', source: 'body', message: 'Malformed JSON body' }] });
      }
      const contactId = body.chat?.contactId;
      const text = body.messages?.[0]?.text;
      if (body.chat?.channelId !== channelId || typeof contactId !== 'string' || !/^\d{8,15}$/u.test(contactId) || typeof text !== 'string')
        return json(response, 400, { errors: [{ type: 'invalid', source: 'chat', message: 'Chat reference or message body problem' }] });
      replies.push({ to: `+${contactId}`, text });
      return json(response, 202, { webhookNotificationId: randomBytes(10).toString('hex').toUpperCase() });
    }
    const single = request.method === 'POST' && path === '/v2.0/chats-actions/trigger-intent';
    const batch = request.method === 'POST' && path === '/v2.0/chats-actions/batch/trigger-intent';
    if (!single && !batch) return json(response, 404, { errors: [{ type: 'not_found', source: 'path', message: 'Not found' }] });
    calls += 1;
    if (batch) batchCalls += 1;
    const failing = take('call');
    if (failing !== null) return callFault(failing, response);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return json(response, 400, { errors: [{ type: 'invalid', source: 'body', message: 'Malformed JSON body' }] });
    }
    if (single) {
      const itemFailing = take('item');
      const outcome = itemFailing === null ? triggerIntent(body) : itemFault(itemFailing);
      return outcome.ok
        ? json(response, 202, { webhookNotificationId: outcome.sent.webhookNotificationId })
        : json(response, 400, { errors: outcome.errors });
    }
    const items = (body as { items?: unknown }).items;
    if (!Array.isArray(items) || items.length === 0)
      return json(response, 400, { errors: [{ type: 'invalid', source: 'items', message: 'items is required' }] });
    if (items.length > 500)
      return json(response, 400, { errors: [{ type: 'invalid', source: 'items', message: 'Max 500 items per request' }] });
    const results = items.map((item) => {
      const odd = oddItems.shift();
      if (odd !== undefined) return odd;
      const itemFailing = take('item');
      const outcome = itemFailing === null ? triggerIntent(item) : itemFault(itemFailing);
      return outcome.ok ? { webhookNotificationId: outcome.sent.webhookNotificationId } : { errors: outcome.errors };
    });
    return json(response, 202, { items: results });
  };

  const server = await startLoopbackServer(handle);

  const fake: BotmakerFake = {
    fail: (kind, times = 1) => {
      if (kind === 'not_ready') throw new Error('Botmaker has no session that can be logged out: not_ready is not one of its faults');
      fault = { kind, times };
    },
    accepted: () => [...accepted],
    replies: () => [...replies],
    inbound: (contactDigits, text, options = {}) => {
      const body = {
        v: '1.1',
        type: 'message',
        businessId: 'cvtcontroles',
        contactId: `+${contactDigits}`,
        chatChannelId: channelId,
        chatPlatform: 'whatsapp',
        whatsappNumber: '50622223333',
        customerId: 'NDRP2LQVX2C4G8DNEQCH',
        firstName: 'Ana',
        lastName: 'Mora',
        messages: [
          {
            _id_: randomBytes(8).toString('hex'),
            date: new Date().toISOString(),
            message: text,
            from: 'user',
            fromCustomer: true,
            isButton: options.button === true,
          },
          {
            _id_: randomBytes(8).toString('hex'),
            date: new Date().toISOString(),
            message: 'Responda BAJA para no recibir más alertas.',
            from: 'bot',
            fromCustomer: false,
          },
        ],
      };
      return {
        headers: { 'content-type': 'application/json', 'auth-bm-token': webhookToken },
        query: {},
        rawBody: Buffer.from(JSON.stringify(body)),
      };
    },
    calls: () => calls,
    strayChats: () => [...stray],
    batchCalls: () => batchCalls,
    channelCalls: () => channelCalls,
    answerNextItemWith: (body) => {
      oddItems.push(body);
    },
    requests: server.requests,
    /** The v1.1 `type: "status"` webhook of docs/contracts/providers/botmaker.md, for a message this fake took. */
    receipt: (providerMessageId, status, secretOk): InboundCallback => {
      const record = sent.get(providerMessageId);
      const body = {
        v: '1.1',
        type: 'status',
        businessId: 'cvtcontroles',
        contactId: `+${record?.contactId ?? '50688888888'}`,
        chatChannelId: channelId,
        chatPlatform: 'whatsapp',
        whatsappNumber: '50622223333',
        customerId: 'NDRP2LQVX2C4G8DNEQCH',
        status,
        statusChangeTime: new Date().toISOString(),
        // Botmaker's id of the outgoing message, not the webhookNotificationId of the API call.
        messageId: `PHW${providerMessageId.slice(0, 17)}`,
        ...(record?.webhookPayload === undefined ? {} : { clientPayload: record.webhookPayload }),
      };
      return {
        headers: { 'content-type': 'application/json', 'auth-bm-token': secretOk ? webhookToken : 'not-the-webhook-token' },
        query: {},
        rawBody: Buffer.from(JSON.stringify(body)),
      };
    },
    secrets: [accessToken, webhookToken],
  };

  const url = `${server.url}/v2.0`;
  return {
    url,
    env: {
      BOTMAKER_BASE_URL: url,
      BOTMAKER_ACCESS_TOKEN: accessToken,
      BOTMAKER_CHANNEL_ID: channelId,
      BOTMAKER_WEBHOOK_TOKEN: webhookToken,
      BOTMAKER_TEMPLATES: JSON.stringify(BOTMAKER_CONTRACT_TEMPLATES),
    },
    fake,
    close: async () => {
      held.clear();
      await server.close();
    },
  };
}

function ordered(params: Readonly<Record<string, MessageVariable>>): MessageVariable[] {
  return Object.entries(params)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, variable]) => variable);
}
