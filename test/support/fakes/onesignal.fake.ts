import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from '../../contract/messaging.contract.ts';
import { startLoopbackServer, type LoopbackServer } from '../loopback-server.ts';
import { HeldAnswers } from './fake-http.ts';

/**
 * OneSignal's legacy REST API (`POST /api/v1/notifications`) on loopback, as its documentation and public
 * issue threads show it: `Authorization: Basic <REST API key>` (a missing or malformed header → 400
 * "Please include a case-sensitive header…", a wrong key → 403 "Access denied"), `app_id`, player ids that
 * must be UUIDs (400 "Incorrect player_id format…"), English content required, and refusals inside an
 * HTTP 200 (`errors: ["All included players are not subscribed"]`, `errors: {invalid_player_ids}`).
 * `external_id` is the idempotency key: a repeated one returns the first result and shows nothing again.
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
}

export const ONESIGNAL_DEVICES = {
  subscribed: '1dd608f2-c6a1-11e3-851d-000c2940e62c',
  unsubscribed: '2b7c0f6e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
  unknown: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const IDEMPOTENCY_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[34][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/iu;
const REFERENCE = ['https://documentation.onesignal.com/docs/accounts-and-keys#section-keys-ids'];

export async function startOneSignalFake(options: OneSignalFakeOptions = {}) {
  const appId = options.appId ?? '202d4f61-1ca9-42df-9d36-bb17d8123abc';
  const apiKey = options.apiKey ?? 'NGEwMGZmMjItY2NkNy0xMWUzLTk5ZDUtMDAwYzI5NDBlNjJj';
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
    if (request.method !== 'POST' || (request.url ?? '').split('?')[0] !== '/api/v1/notifications')
      return json(response, 404, { errors: ['Not Found'] });
    calls += 1;
    const authorization = request.headers['authorization'];
    if (typeof authorization !== 'string' || !/^Basic \S+$/u.test(authorization)) {
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
    if (authorization !== `Basic ${apiKey}`) return denied();
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
    const players = body['include_player_ids'];
    if (!Array.isArray(players) || players.length === 0)
      return json(response, 400, { errors: ['You must include which players, segments, or tags you wish to send this notification to.'] });
    const malformed = players.filter((player) => typeof player !== 'string' || !UUID.test(player));
    if (malformed.length > 0)
      return json(response, 400, {
        errors: [`Incorrect player_id format in include_player_ids (not a valid UUID): ${JSON.stringify(malformed)}`],
      });
    const contents = body['contents'] as Record<string, unknown> | undefined;
    if (typeof contents?.['en'] !== 'string' || contents['en'] === '')
      return json(response, 400, { errors: ['Message Notifications must have English language content'] });
    const externalId = body['external_id'];
    if (externalId !== undefined && (typeof externalId !== 'string' || !IDEMPOTENCY_UUID.test(externalId))) {
      return json(response, 400, { errors: ['external_id must be a v3 or v4 UUID'] });
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
  const url = `${server.url}/api/v1`;
  return {
    url,
    env: { ONESIGNAL_APP_ID: appId, ONESIGNAL_API_KEY: apiKey, ONESIGNAL_BASE_URL: url },
    fake,
    close: async () => {
      held.clear();
      await server.close();
    },
  };
}
