import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from '../../contract/messaging.contract.ts';
import { startLoopbackServer, type LoopbackServer } from '../loopback-server.ts';
import { HeldAnswers } from './fake-http.ts';

/**
 * OneSignal's push API on loopback, as its documentation and public issue threads show it.
 *
 * - `current` (the default): `POST /notifications` on api.onesignal.com, `Authorization: Key <App API key>`,
 *   `target_channel: "push"`, `include_subscription_ids`, `idempotency_key` (documentation.onesignal.com,
 *   reference/push-notification, OpenAPI "api.onesignal.com" 11.6). A legacy `Basic` key is refused there.
 * - `legacy`: `POST /api/v1/notifications`, `Authorization: Basic <REST API key>` (a missing or malformed
 *   header → 400 "Please include a case-sensitive header…"), `include_player_ids`, `external_id`.
 *
 * Both: a wrong key → 403 "Access denied", `app_id`, device ids that must be UUIDs (400 "Incorrect
 * player_id format…"; the current API's wording for subscription ids is not published, the stand-in names
 * `include_subscription_ids`), English content required, and refusals inside an HTTP 200
 * (`errors: ["All included players are not subscribed"]`, `errors: {invalid_player_ids}`). The idempotency
 * key (a v3/v4 UUID) returns the first result and shows nothing again.
 */
export interface PushedNotification {
  readonly deviceId: string;
  readonly heading: string;
  readonly content: string;
  readonly targetUrl: string | undefined;
  readonly externalId: string | undefined;
}

export interface OneSignalFake {
  /** The next `times` calls fail with `fault`. */
  fail(fault: Fault, times?: number): void;
  /** Notifications shown on a device, once each. */
  accepted(): PushedNotification[];
  calls(): number;
  readonly secrets: readonly string[];
  readonly requests: LoopbackServer['requests'];
}

export interface OneSignalFakeOptions {
  readonly appId?: string;
  readonly apiKey?: string;
  /** Devices registered and subscribed to push. */
  readonly subscribed?: readonly string[];
  /** Devices registered but unsubscribed (the user turned notifications off). */
  readonly unsubscribed?: readonly string[];
  /** How late a `timeout` fault answers; keep it above the adapter's timeout. */
  readonly slowMs?: number;
  /** Which OneSignal API this fake is; `current` unless a test asks for the legacy one. */
  readonly api?: 'current' | 'legacy';
}

export const ONESIGNAL_DEVICES = {
  subscribed: '1dd608f2-c6a1-11e3-851d-000c2940e62c',
  unsubscribed: '2b7c0f6e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
  unknown: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const IDEMPOTENCY_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[34][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/iu;
const REFERENCE = ['https://documentation.onesignal.com/docs/accounts-and-keys#section-keys-ids'];

/** The wire names of each API: path, Authorization scheme, device list, idempotency key. */
const API_SHAPES = {
  current: { path: '/notifications', scheme: 'Key', devices: 'include_subscription_ids', idempotency: 'idempotency_key' },
  legacy: { path: '/api/v1/notifications', scheme: 'Basic', devices: 'include_player_ids', idempotency: 'external_id' },
} as const;

export async function startOneSignalFake(options: OneSignalFakeOptions = {}) {
  const api = options.api ?? 'current';
  const shape = API_SHAPES[api];
  const appId = options.appId ?? '202d4f61-1ca9-42df-9d36-bb17d8123abc';
  // The current API's App API keys start with os_v2_app_ (documentation.onesignal.com, "Keys & IDs").
  const apiKey =
    options.apiKey ??
    (api === 'current' ? 'os_v2_app_eaws6ylzvfbn7hjwxml5qerkxq3n4fp2wq7xkzq' : 'NGEwMGZmMjItY2NkNy0xMWUzLTk5ZDUtMDAwYzI5NDBlNjJj');
  const subscribed = new Set(options.subscribed ?? [ONESIGNAL_DEVICES.subscribed]);
  const unsubscribed = new Set(options.unsubscribed ?? [ONESIGNAL_DEVICES.unsubscribed]);
  const slowMs = options.slowMs ?? 1_500;
  const accepted: PushedNotification[] = [];
  const byExternalId = new Map<string, unknown>();
  const held = new HeldAnswers();
  let fault: { kind: Fault; times: number } | null = null;
  let calls = 0;

  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(JSON.stringify(body));
  };

  const applyFault = (kind: Fault, response: ServerResponse): void => {
    if (kind === 'rate_limited') return json(response, 429, { errors: ['API rate limit exceeded'] }, { 'retry-after': '2' });
    if (kind === 'unauthorized')
      return json(response, 403, {
        errors: [
          "Access denied.  Please include an 'Authorization: ...' header with a valid API key (https://documentation.onesignal.com/docs/accounts-and-keys).",
        ],
      });
    if (kind === 'invalid_recipient')
      return json(response, 200, { id: '', recipients: 0, errors: ['All included players are not subscribed'] });
    if (kind === 'server_error') {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>');
      return;
    }
    held.after(slowMs, () => {
      if (!response.destroyed) json(response, 504, { errors: ['Gateway Timeout'] });
    });
  };

  const handle = (request: IncomingMessage, response: ServerResponse, raw: string): void => {
    if (request.method !== 'POST' || (request.url ?? '').split('?')[0] !== shape.path)
      return json(response, 404, { errors: ['Not Found'] });
    calls += 1;
    const authorization = request.headers['authorization'];
    if (api === 'legacy' && (typeof authorization !== 'string' || !/^Basic \S+$/u.test(authorization))) {
      return json(response, 400, {
        errors: [
          'Please include a case-sensitive header of Authorization: Basic <YOUR-REST-API-KEY-HERE> or Bearer token="<YOUR-REST-API-KEY-HERE>" with a valid REST API key.',
        ],
        reference: REFERENCE,
      });
    }
    if (fault !== null && fault.times > 0) {
      fault.times -= 1;
      return applyFault(fault.kind, response);
    }
    const denied = () =>
      json(response, 403, {
        errors: [
          "Access denied.  Please include an 'Authorization: ...' header with a valid API key (https://documentation.onesignal.com/docs/accounts-and-keys).",
        ],
      });
    if (authorization !== `${shape.scheme} ${apiKey}`) return denied();
    let body: Record<string, unknown>;
    try {
      const parsed = JSON.parse(raw) as unknown;
      body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    if (typeof body['app_id'] !== 'string')
      return json(response, 400, { errors: ['app_id not found. You may be missing a Content-Type: application/json header.'] });
    // A REST API key belongs to one app.
    if (body['app_id'] !== appId) return denied();
    if (api === 'current' && body['target_channel'] !== 'push')
      return json(response, 400, { errors: ['target_channel must be push, email or sms when targeting subscriptions'] });
    const players = body[shape.devices];
    if (!Array.isArray(players) || players.length === 0)
      return json(response, 400, { errors: ['You must include which players, segments, or tags you wish to send this notification to.'] });
    const malformed = players.filter((player) => typeof player !== 'string' || !UUID.test(player));
    if (malformed.length > 0)
      return json(response, 400, {
        errors: [
          api === 'legacy'
            ? `Incorrect player_id format in include_player_ids (not a valid UUID): ${JSON.stringify(malformed)}`
            : `Incorrect subscription_id format in include_subscription_ids (not a valid UUID): ${JSON.stringify(malformed)}`,
        ],
      });
    const contents = body['contents'] as Record<string, unknown> | undefined;
    if (typeof contents?.['en'] !== 'string' || contents['en'] === '')
      return json(response, 400, { errors: ['Message Notifications must have English language content'] });
    const externalId = body[shape.idempotency];
    if (externalId !== undefined && (typeof externalId !== 'string' || !IDEMPOTENCY_UUID.test(externalId))) {
      return json(response, 400, { errors: [`${shape.idempotency} must be a v3 or v4 UUID`] });
    }
    if (typeof externalId === 'string' && byExternalId.has(externalId)) return json(response, 200, byExternalId.get(externalId));
    const device = players[0] as string;
    let answer: unknown;
    if (subscribed.has(device)) {
      const headings = body['headings'] as Record<string, unknown> | undefined;
      const data = body['data'] as Record<string, unknown> | undefined;
      accepted.push({
        deviceId: device,
        heading: typeof headings?.['en'] === 'string' ? headings['en'] : '',
        content: contents['en'],
        targetUrl: typeof data?.['targetUrl'] === 'string' ? data['targetUrl'] : undefined,
        externalId: typeof externalId === 'string' ? externalId : undefined,
      });
      answer = { id: randomUUID(), recipients: 1, external_id: externalId ?? null };
    } else if (unsubscribed.has(device)) {
      answer = { id: '', recipients: 0, errors: ['All included players are not subscribed'] };
    } else {
      answer = { id: '', recipients: 0, errors: { invalid_player_ids: [device] } };
    }
    if (typeof externalId === 'string') byExternalId.set(externalId, answer);
    return json(response, 200, answer);
  };

  const server = await startLoopbackServer(handle);
  const fake: OneSignalFake = {
    fail: (kind, times = 1) => {
      if (kind === 'unknown_template' || kind === 'not_ready') throw new Error(`OneSignal cannot show ${kind}`);
      fault = { kind, times };
    },
    accepted: () => [...accepted],
    calls: () => calls,
    secrets: [apiKey],
    requests: server.requests,
  };
  const url = api === 'current' ? server.url : `${server.url}/api/v1`;
  // ONESIGNAL_API is left out for the current API, so that tests using this env also check the default.
  const env: Record<string, string> = { ONESIGNAL_APP_ID: appId, ONESIGNAL_API_KEY: apiKey, ONESIGNAL_BASE_URL: url };
  if (api === 'legacy') env['ONESIGNAL_API'] = 'legacy';
  return {
    url,
    env,
    fake,
    close: async () => {
      held.clear();
      await server.close();
    },
  };
}
