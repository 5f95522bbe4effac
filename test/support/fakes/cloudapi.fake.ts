import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InboundCallback } from '../../../src/application/ports/receipt-source.port.ts';
import { CONTRACT_TEMPLATES, type AcceptedMessage, type Fault, type ProviderFake } from '../../contract/messaging.contract.ts';
import { startLoopbackServer, type LoopbackServer } from '../loopback-server.ts';
import { HeldAnswers, jsonAnswer, writeAnswer, type FakeAnswer } from './fake-http.ts';

/**
 * Meta's WhatsApp Cloud API on loopback, as docs/contracts/providers/cloudapi.md and Meta's pages describe it (§1, §2, §3):
 * `POST /{version}/{phone-number-id}/messages` with `Authorization: Bearer`, `messaging_product: "whatsapp"`;
 * text only inside the recipient's 24-hour window (else 131047); templates checked by name, language and
 * parameter count (132001, 132000), named parameters by `parameter_name`; 200
 * `{messaging_product, contacts: [{input, wa_id}], messages: [{id: "wamid.…"}]}`; errors in Meta's envelope
 * `{"error": {"message", "type", "code", "error_data"?, "error_subcode"?, "fbtrace_id"}}` (one kind without
 * `error_subcode`, as from v16.0). Meta documents no HTTP status per code: those here are plausible.
 * A `to` without its `+` is taken as a national number of the business's country (§1.6): it lands in
 * `strays()`, never in `accepted()`. Webhooks are signed `X-Hub-Signature-256` with the App Secret.
 */
export interface CloudApiFake extends ProviderFake {
  /** The next `times` sends fail with Meta's error `code`. */
  failCode(code: number, times?: number): void;
  /** Messages sent without `+`, which Meta would have delivered to another number. */
  strays(): string[];
  /** Every send body as it arrived. */
  bodies(): Record<string, unknown>[];
  /** Statuses of a message, in the given order, as one signed webhook (several entries and changes). */
  statuses(items: readonly { id: string; status: string; errorCode?: number }[], secretOk?: boolean): InboundCallback;
  /** A contact's message: opens the fake's window for them (as it does at Meta). */
  inbound(from: string, content: { text: string } | { button: { payload: string; text: string } }, secretOk?: boolean): InboundCallback;
  templateStatus(template: string, event: string): InboundCallback;
  /** `user_preferences`: the contact tapped WhatsApp's "stop" (or "resume") for our marketing messages (§5). */
  userPreference(phone: string, value: 'stop' | 'resume'): InboundCallback;
  /** Every wamid handed out, in order. */
  wamids(): string[];
  /** `to` (E.164) of the message with this wamid. */
  recipientOf(wamid: string): string | undefined;
  readonly requests: LoopbackServer['requests'];
}

export interface CloudApiFakeOptions {
  readonly accessToken?: string;
  readonly phoneNumberId?: string;
  readonly appSecret?: string;
  readonly verifyToken?: string;
  /** How late a `timeout` fault answers; keep it above the adapter's timeout. */
  readonly slowMs?: number;
  /** Meta's pair rate: a second message to the same person within this many ms gets 131056. 0: not checked. */
  readonly pairRateMs?: number;
  /** Templates approved at Meta: name → language and parameter names (null: positional). Defaults to CONTRACT_TEMPLATES. */
  readonly templates?: Readonly<Record<string, { language: string; names: readonly (string | null)[] }>>;
}

const WINDOW_MS = 24 * 60 * 60 * 1000;

/** Meta's own words for the codes the fake produces (MD/support/error-codes). */
const META_ERRORS: Readonly<Record<number, { status: number; message: string; details: string; subcode?: number }>> = {
  4: { status: 400, message: '(#4) Application request limit reached', details: 'Too many API calls.' },
  190: { status: 401, message: 'Error validating access token: Session has expired.', details: '', subcode: 463 },
  368: { status: 400, message: 'Temporarily blocked for policies violations', details: 'The account is restricted.' },
  131031: { status: 400, message: 'Business Account locked', details: 'The account has been locked.' },
  130429: { status: 400, message: '(#130429) Rate limit hit', details: 'Cloud API message throughput has been reached.', subcode: 2494055 },
  131056: {
    status: 400,
    message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
    details: 'Too many messages sent to this number.',
  },
  131047: {
    status: 400,
    message: 'Re-engagement message',
    details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  131026: { status: 400, message: 'Message Undeliverable.', details: 'Unable to deliver message.' },
  131049: { status: 400, message: 'This message was not delivered to maintain healthy ecosystem engagement.', details: '' },
  131050: {
    status: 400,
    message: 'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages.',
    details: '',
  },
  132000: {
    status: 400,
    message: '(#132000) Number of parameters does not match the expected number of params',
    details: 'body: number of localizable_params does not match',
  },
  132001: { status: 404, message: '(#132001) Template name does not exist in the translation', details: 'template name not found in es' },
  132015: { status: 400, message: 'Template is Paused', details: 'Template is paused due to low quality.' },
  131000: { status: 500, message: 'Something went wrong', details: 'Message failed to send because of an unknown error.' },
};

const FAULT_CODES: Readonly<Record<Exclude<Fault, 'timeout' | 'server_error'>, number>> = {
  rate_limited: 130429,
  unauthorized: 190,
  not_ready: 190,
  invalid_recipient: 131026,
  unknown_template: 132001,
};

function contractCatalogue(): Record<string, { language: string; names: (string | null)[] }> {
  return Object.fromEntries(
    Object.values(CONTRACT_TEMPLATES).map(({ template, language, params }) => [
      template,
      { language, names: Object.keys(params).map(() => null) },
    ]),
  );
}

export async function startCloudApiFake(options: CloudApiFakeOptions = {}) {
  const accessToken = options.accessToken ?? 'EAAGcloudapi-test-access-token-0001';
  const phoneNumberId = options.phoneNumberId ?? '106540352242922';
  const appSecret = options.appSecret ?? 'cloudapi-app-secret-0001';
  const verifyToken = options.verifyToken ?? 'cloudapi-verify-token-0001';
  const slowMs = options.slowMs ?? 1_500;
  const pairRateMs = options.pairRateMs ?? 0;
  const catalogue = options.templates ?? contractCatalogue();
  const accepted: AcceptedMessage[] = [];
  const strays: string[] = [];
  const bodies: Record<string, unknown>[] = [];
  const recipients = new Map<string, string>();
  const windows = new Map<string, number>();
  const lastSentTo = new Map<string, number>();
  const queued: (Fault | number)[] = [];
  const held = new HeldAnswers();
  let calls = 0;

  const metaError = (code: number): FakeAnswer => {
    const known = META_ERRORS[code] ?? { status: 400, message: `(#${code}) Error`, details: '' };
    return jsonAnswer(known.status, {
      error: {
        message: known.message,
        type: 'OAuthException',
        code,
        ...(known.details === '' ? {} : { error_data: { messaging_product: 'whatsapp', details: known.details } }),
        ...(known.subcode === undefined ? {} : { error_subcode: known.subcode }),
        fbtrace_id: randomBytes(9).toString('base64url'),
      },
    });
  };

  const send = (body: Record<string, unknown>): FakeAnswer => {
    if (body['messaging_product'] !== 'whatsapp') return metaError(100);
    const to = body['to'];
    if (typeof to !== 'string' || !/^\+?\d{8,15}$/u.test(to.replace(/[\s()-]/gu, ''))) return metaError(131009);
    const digits = to.replace(/\D/gu, '');
    const now = Date.now();
    if (pairRateMs > 0 && now - (lastSentTo.get(digits) ?? -Infinity) < pairRateMs) return metaError(131056);
    let message: AcceptedMessage;
    if (body['type'] === 'text') {
      const text = body['text'] as { body?: unknown; preview_url?: unknown } | undefined;
      if (typeof text?.body !== 'string' || text.body === '' || text.body.length > 4096) return metaError(131009);
      if (now - (windows.get(digits) ?? -Infinity) >= WINDOW_MS) return metaError(131047);
      message = { to: `+${digits}`, text: text.body };
    } else if (body['type'] === 'template') {
      const template = body['template'] as
        { name?: unknown; language?: { code?: unknown }; components?: { type?: unknown; parameters?: unknown[] }[] } | undefined;
      const approved = typeof template?.name === 'string' ? catalogue[template.name] : undefined;
      if (approved === undefined || template?.language?.code !== approved.language) return metaError(132001);
      const parameters = (template.components ?? []).find((component) => component.type === 'body')?.parameters ?? [];
      if (parameters.length !== approved.names.length) return metaError(132000);
      const values: string[] = [];
      for (const [index, name] of approved.names.entries()) {
        const parameter = (
          name === null ? parameters[index] : parameters.find((item) => (item as { parameter_name?: unknown }).parameter_name === name)
        ) as { type?: unknown; text?: unknown; parameter_name?: unknown } | undefined;
        if (parameter?.type !== 'text' || typeof parameter.text !== 'string' || parameter.text.trim() === '') return metaError(132000);
        if (name === null && parameter.parameter_name !== undefined) return metaError(132000);
        values.push(parameter.text);
      }
      message = { to: `+${digits}`, template: { name: template.name as string, parameters: values } };
    } else {
      return metaError(131051);
    }
    lastSentTo.set(digits, now);
    const wamid = `wamid.${Buffer.from(`${digits}-${randomBytes(8).toString('hex')}`).toString('base64')}`;
    recipients.set(wamid, `+${digits}`);
    if (to.startsWith('+')) accepted.push(message);
    else strays.push(to);
    return jsonAnswer(200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: to, wa_id: digits }],
      messages: [{ id: wamid, ...(message.template === undefined ? {} : { message_status: 'accepted' }) }],
    });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse, raw: string): Promise<void> => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const sending = request.method === 'POST' && path === `/v25.0/${phoneNumberId}/messages`;
    if (sending) calls += 1;
    if (request.headers['authorization'] !== `Bearer ${accessToken}`) return writeAnswer(request, response, metaError(190));
    if (request.method === 'GET' && path === `/v25.0/${phoneNumberId}`)
      return writeAnswer(request, response, jsonAnswer(200, { id: phoneNumberId, display_phone_number: '+506 2222 3333' }));
    if (!sending) return writeAnswer(request, response, metaError(100));
    const fault = queued.shift();
    if (fault === 'timeout') {
      await held.wait(slowMs);
      return writeAnswer(request, response, jsonAnswer(504, { error: { message: 'timeout', code: 2, type: 'OAuthException' } }));
    }
    if (fault === 'server_error') return writeAnswer(request, response, metaError(131000));
    if (fault !== undefined) return writeAnswer(request, response, metaError(typeof fault === 'number' ? fault : FAULT_CODES[fault]));
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return writeAnswer(request, response, metaError(100));
    }
    bodies.push(body as Record<string, unknown>);
    return writeAnswer(request, response, send(body as Record<string, unknown>));
  };

  const server = await startLoopbackServer(handle);

  const signed = (body: unknown, secretOk = true): InboundCallback => {
    const raw = Buffer.from(JSON.stringify(body));
    const signature = createHmac('sha256', secretOk ? appSecret : 'not-the-app-secret')
      .update(raw)
      .digest('hex');
    return { headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${signature}` }, query: {}, rawBody: raw };
  };
  const envelope = (changes: unknown[]) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes }],
  });
  const metadata = { display_phone_number: '50622223333', phone_number_id: phoneNumberId };
  const seconds = () => String(Math.floor(Date.now() / 1000));

  const fake: CloudApiFake = {
    fail: (fault, times = 1) => {
      for (let time = 0; time < times; time++) queued.push(fault);
    },
    failCode: (code, times = 1) => {
      for (let time = 0; time < times; time++) queued.push(code);
    },
    accepted: () => [...accepted],
    calls: () => calls,
    strays: () => [...strays],
    bodies: () => [...bodies],
    recipientOf: (wamid) => recipients.get(wamid),
    wamids: () => [...recipients.keys()],
    requests: server.requests,
    receipt: (providerMessageId, status, secretOk) => fake.statuses([{ id: providerMessageId, status }], secretOk),
    statuses: (items, secretOk = true) =>
      signed(
        envelope(
          items.map((item) => ({
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata,
              // From v24.0 `conversation` is left out; `pricing` comes on one of delivered or read.
              statuses: [
                {
                  id: item.id,
                  status: item.status,
                  timestamp: seconds(),
                  recipient_id: (recipients.get(item.id) ?? '+50688888888').slice(1),
                  ...(item.status === 'delivered'
                    ? { pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' } }
                    : {}),
                  ...(item.status === 'failed'
                    ? {
                        errors: [
                          {
                            code: item.errorCode ?? 131049,
                            title: META_ERRORS[item.errorCode ?? 131049]?.message ?? 'Failed',
                            message: META_ERRORS[item.errorCode ?? 131049]?.message ?? 'Failed',
                            error_data: { details: META_ERRORS[item.errorCode ?? 131049]?.details ?? '' },
                          },
                        ],
                      }
                    : {}),
                },
              ],
            },
          })),
        ),
        secretOk,
      ),
    inbound: (from, content, secretOk = true) => {
      const digits = from.replace(/\D/gu, '');
      if (secretOk) windows.set(digits, Date.now());
      const message =
        'text' in content
          ? { type: 'text', text: { body: content.text } }
          : {
              type: 'button',
              button: { payload: content.button.payload, text: content.button.text },
              context: { from: metadata.display_phone_number, id: 'wamid.earlier' },
            };
      return signed(
        envelope([
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata,
              contacts: [{ profile: { name: 'Ana' }, wa_id: digits }],
              messages: [{ from: digits, id: `wamid.${randomBytes(12).toString('hex')}`, timestamp: seconds(), ...message }],
            },
          },
        ]),
        secretOk,
      );
    },
    userPreference: (phone, value) => {
      const digits = phone.replace(/\D/gu, '');
      return signed(
        envelope([
          {
            field: 'user_preferences',
            value: {
              messaging_product: 'whatsapp',
              metadata,
              contacts: [{ profile: { name: 'Ana' }, wa_id: digits }],
              user_preferences: [
                {
                  wa_id: digits,
                  detail: value === 'stop' ? 'User requested to stop marketing messages' : 'User requested to resume marketing messages',
                  category: 'marketing_messages',
                  value,
                  timestamp: Number(seconds()),
                },
              ],
            },
          },
        ]),
      );
    },
    templateStatus: (template, event) =>
      signed(
        envelope([
          {
            field: 'message_template_status_update',
            value: {
              event,
              message_template_id: 594425479261596,
              message_template_name: template,
              message_template_language: 'es',
              reason: event === 'PAUSED' ? 'NONE' : null,
              ...(event === 'PAUSED'
                ? { other_info: { title: 'FIRST_PAUSE', description: 'Paused for 3 hours due to low quality.' } }
                : {}),
            },
          },
        ]),
      ),
    secrets: [accessToken, appSecret, verifyToken],
  };

  const url = `${server.url}/v25.0`;
  return {
    url,
    env: {
      CLOUDAPI_BASE_URL: url,
      CLOUDAPI_ACCESS_TOKEN: accessToken,
      CLOUDAPI_PHONE_NUMBER_ID: phoneNumberId,
      CLOUDAPI_APP_SECRET: appSecret,
      CLOUDAPI_VERIFY_TOKEN: verifyToken,
      CLOUDAPI_TEMPLATES: JSON.stringify(CONTRACT_TEMPLATES),
    } as Record<string, string>,
    fake,
    close: async () => {
      held.clear();
      await server.close();
    },
  };
}
