import { SystemClock } from '../../../../src/adapters/in-process/system-clock.adapter.ts';
import type { ServerResponse } from 'node:http';
import { fc } from '@fast-check/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { ONESIGNAL_DEFAULT_BASE_URLS, oneSignalConfigSchema } from '../../../../src/adapters/onesignal/onesignal.config.ts';
import { createOneSignalPush } from '../../../../src/adapters/onesignal/onesignal.provider.ts';
import { OneSignalPush } from '../../../../src/adapters/onesignal/onesignal.push.adapter.ts';
import type { PushNotification, PushPort } from '../../../../src/application/ports/push.port.ts';
import type { Fault } from '../../../contract/messaging.contract.ts';
import { ONESIGNAL_DEVICES, startOneSignalFake } from '../../../support/fakes/onesignal.fake.ts';
import { startLoopbackServer } from '../../../support/loopback-server.ts';

const TIMEOUT_MS = 300;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function withFake(api: 'current' | 'legacy' = 'legacy') {
  const server = await startOneSignalFake({ slowMs: TIMEOUT_MS + 700, api });
  closers.push(server.close);
  const push = createOneSignalPush(oneSignalConfigSchema.parse(server.env), { timeoutMs: TIMEOUT_MS, clock: new SystemClock() })!;
  return { push, fake: server.fake, env: server.env };
}

const KEY = 'NGEwMGZmMjItY2NkNy0xMWUzLTk5ZDUtMDAwYzI5NDBlNjJj';

/** A server answering every call with the same scripted answer. */
async function scripted(answer: (response: ServerResponse) => void): Promise<PushPort> {
  const server = await startLoopbackServer((_request, response) => answer(response));
  closers.push(server.close);
  return new OneSignalPush(
    {
      ONESIGNAL_APP_ID: '202d4f61-1ca9-42df-9d36-bb17d8123abc',
      ONESIGNAL_API_KEY: KEY,
      ONESIGNAL_API: 'legacy',
      ONESIGNAL_BASE_URL: server.url,
    },
    { timeoutMs: TIMEOUT_MS, clock: new SystemClock() },
  );
}

const reply =
  (status: number, body?: unknown, headers: Record<string, string> = {}) =>
  (response: ServerResponse) => {
    response.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json', ...headers });
    response.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
  };

let counter = 0;
const notification = (deviceId: string = ONESIGNAL_DEVICES.subscribed): PushNotification => ({
  deliveryId: `0123456789abcdef0123456789ab${String(++counter).padStart(4, '0')}`,
  deviceId,
  heading: 'Alerta de noticia',
  content: 'Título de la nota',
  targetUrl: 'https://app.controles.co.cr/?shared=1&id=66f1c0ffee',
});

/** Pushes one notification through a fake of `api` and checks what the device shows; answers what OneSignal received. */
async function pushOne(api: 'current' | 'legacy') {
  const { push, fake, env } = await withFake(api);
  const sent = notification();
  expect(await push.notify(sent)).toEqual({
    ok: true,
    value: { provider: 'onesignal', providerMessageId: expect.stringMatching(/^[0-9a-f-]{36}$/u) },
  });
  expect(fake.accepted()).toEqual([
    {
      deviceId: sent.deviceId,
      heading: 'Alerta de noticia',
      content: 'Título de la nota',
      targetUrl: sent.targetUrl,
      externalId: expect.any(String),
    },
  ]);
  const [call] = fake.requests;
  const content = {
    headings: { en: 'Alerta de noticia', es: 'Alerta de noticia' },
    contents: { en: 'Título de la nota', es: 'Título de la nota' },
    data: { targetUrl: sent.targetUrl },
  };
  return { call: call!, sent, env, content, key: '01234567-89ab-4def-8123-456789ab0001'.replace('0001', sent.deliveryId.slice(-4)) };
}

const FAULT_CASES: [Fault, string, boolean][] = [
  ['rate_limited', 'rate_limited', true],
  ['server_error', 'unavailable', true],
  ['timeout', 'timeout', true],
  ['unauthorized', 'unauthorized', false],
  ['invalid_recipient', 'invalid_recipient', false],
];

const failureOf = async (push: PushPort, what: PushNotification = notification()) => {
  const result = await push.notify(what);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
};

/** OneSignal answers a key that is not the app's with 403 "Access denied": the key was refused, permanently. */
async function expectWrongKeyRefused(api: 'current' | 'legacy'): Promise<void> {
  const { env } = await withFake(api);
  const wrongKey = createOneSignalPush(oneSignalConfigSchema.parse({ ...env, ONESIGNAL_API_KEY: KEY.slice(1) }), {
    timeoutMs: TIMEOUT_MS,
    clock: new SystemClock(),
  })!;
  expect(await failureOf(wrongKey)).toMatchObject({ kind: 'unauthorized', retryable: false, message: expect.stringContaining('HTTP 403') });
}

describe('OneSignalPush (legacy API, ONESIGNAL_API=legacy)', () => {
  it('pushes one notification to the device, in English and Spanish, and names the notification id', async () => {
    const { call, sent, content, key } = await pushOne('legacy');
    expect(call.headers['authorization']).toBe(`Basic ${KEY}`);
    expect(JSON.parse(call.body)).toEqual({
      app_id: '202d4f61-1ca9-42df-9d36-bb17d8123abc',
      include_player_ids: [sent.deviceId],
      ...content,
      external_id: key,
    });
  });

  it.each(['legacy', 'current'] as const)(
    'sends the delivery\u2019s idempotency key (%s API), so a retried call is shown once',
    async (api) => {
      const { push, fake } = await withFake(api);
      const sent = notification();
      const first = await push.notify(sent);
      const again = await push.notify(sent);
      expect(again).toEqual(first);
      expect(fake.calls()).toBe(2);
      expect(fake.accepted()).toHaveLength(1);
    },
  );

  it.each(FAULT_CASES)('classifies %s as %s (retryable: %s), quickly and without the key', async (fault, kind, retryable) => {
    const { push, fake } = await withFake();
    fake.fail(fault);
    const started = Date.now();
    const failure = await failureOf(push);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2_000);
    expect(failure).toMatchObject({ kind, retryable, provider: 'onesignal', message: expect.any(String) });
    if (fault === 'rate_limited') expect(failure.retryAfterMs).toBe(2_000);
    for (const secret of fake.secrets) expect(JSON.stringify(failure)).not.toContain(secret);
    expect(fake.accepted()).toHaveLength(0);
  });

  it('classifies an unsubscribed device as invalid_recipient, permanent (HTTP 200 with errors)', async () => {
    const { push } = await withFake();
    expect(await failureOf(push, notification(ONESIGNAL_DEVICES.unsubscribed))).toMatchObject({
      kind: 'invalid_recipient',
      retryable: false,
      message: expect.stringContaining('All included players are not subscribed'),
    });
  });

  it('classifies a device the app does not know (invalid_player_ids) as invalid_recipient', async () => {
    const { push } = await withFake();
    expect(await failureOf(push, notification(ONESIGNAL_DEVICES.unknown))).toMatchObject({ kind: 'invalid_recipient', retryable: false });
  });

  it('classifies a device id that is not a player id (400, not a UUID) as invalid_recipient', async () => {
    const { push } = await withFake();
    expect(await failureOf(push, notification('d1'))).toMatchObject({
      kind: 'invalid_recipient',
      retryable: false,
      message: expect.stringContaining('Incorrect player_id format'),
    });
  });

  it('classifies a wrong key as unauthorized, whether OneSignal answers 403 or 400', async () => {
    await expectWrongKeyRefused('legacy');
    const headerRefused = await scripted(
      reply(400, {
        errors: ['Please include a case-sensitive header of Authorization: Basic <YOUR-REST-API-KEY-HERE> with a valid REST API key.'],
      }),
    );
    expect(await failureOf(headerRefused)).toMatchObject({ kind: 'unauthorized', retryable: false });
  });

  it('classifies an app id that is not the key\u2019s as unauthorized', async () => {
    const { env } = await withFake();
    const otherApp = createOneSignalPush(
      oneSignalConfigSchema.parse({ ...env, ONESIGNAL_APP_ID: '11111111-2222-4333-8444-555555555555' }),
      { timeoutMs: TIMEOUT_MS, clock: new SystemClock() },
    )!;
    expect(await failureOf(otherApp)).toMatchObject({ kind: 'unauthorized' });
  });

  it.each([
    ['a 400 without an app id', reply(400, { errors: ['app_id not found. You may be missing a Content-Type: application/json header.'] })],
    ['a 400 about content', reply(400, { errors: ['Message Notifications must have English language content'] })],
    [
      'a 200 that created nothing',
      reply(200, { id: '', recipients: 0, errors: ['Notification content must not be null for any languages.'] }),
    ],
    ['a 200 without an id', reply(200, '<html>ok</html>')],
    ['an unknown 4xx', reply(404, { errors: ['Not Found'] })],
    ['a redirect', reply(301, undefined, { location: 'https://api.onesignal.com/notifications' })],
  ])('classifies %s as rejected, permanent', async (_case, answer) => {
    const push = await scripted(answer);
    expect(await failureOf(push)).toMatchObject({ kind: 'rejected', retryable: false, provider: 'onesignal' });
  });

  it('honours Retry-After as an HTTP date, and waits a second without one', async () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(
      (await failureOf(await scripted(reply(429, { errors: ['Rate limit exceeded'] }, { 'retry-after': inTenSeconds })))).retryAfterMs,
    ).toBeGreaterThan(7_000);
    expect((await failureOf(await scripted(reply(429, undefined)))).retryAfterMs).toBe(1_000);
  });

  it.each([500, 502, 503])('classifies %i as unavailable, retryable', async (status) => {
    expect(await failureOf(await scripted(reply(status, '<html>error</html>')))).toMatchObject({ kind: 'unavailable', retryable: true });
  });

  it('never lets the key out, even when OneSignal quotes it', async () => {
    const push = await scripted(reply(400, { errors: [`Invalid REST API key ${KEY}`] }));
    expect(JSON.stringify(await failureOf(push))).not.toContain(KEY);
  });

  it('never throws: a closed port is unavailable, and any body is classified', async () => {
    const server = await startLoopbackServer(() => undefined);
    await server.close();
    const closed = new OneSignalPush(
      { ONESIGNAL_APP_ID: 'a', ONESIGNAL_API_KEY: KEY, ONESIGNAL_API: 'legacy', ONESIGNAL_BASE_URL: server.url },
      { timeoutMs: TIMEOUT_MS, clock: new SystemClock() },
    );
    expect(await failureOf(closed)).toMatchObject({ kind: 'unavailable', retryable: true });
    let body = '';
    let status = 200;
    const push = await scripted((response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(200, 201, 400, 401, 403, 404, 429, 500),
        fc.oneof(fc.json(), fc.string()),
        async (answerStatus, answerBody) => {
          status = answerStatus;
          body = answerBody;
          const result = await push.notify(notification());
          if (!result.ok) expect(result.error).toMatchObject({ provider: 'onesignal', message: expect.any(String) });
          else expect(result.value.providerMessageId).toEqual(expect.any(String));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('OneSignalPush (current API, the default)', () => {
  it('pushes through api.onesignal.com/notifications with Authorization: Key, the subscription id and idempotency_key', async () => {
    const { call, sent, env, content, key } = await pushOne('current');
    expect(env).not.toHaveProperty('ONESIGNAL_API');
    expect(call.url).toBe('/notifications');
    expect(call.headers['authorization']).toBe(`Key ${env.ONESIGNAL_API_KEY}`);
    expect(JSON.parse(call.body)).toEqual({
      app_id: '202d4f61-1ca9-42df-9d36-bb17d8123abc',
      target_channel: 'push',
      include_subscription_ids: [sent.deviceId],
      ...content,
      idempotency_key: key,
    });
  });

  it.each(FAULT_CASES)('classifies %s as %s (retryable: %s), without the key', async (fault, kind, retryable) => {
    const { push, fake } = await withFake('current');
    fake.fail(fault);
    const failure = await failureOf(push);
    expect(failure).toMatchObject({ kind, retryable, provider: 'onesignal' });
    for (const secret of fake.secrets) expect(JSON.stringify(failure)).not.toContain(secret);
    expect(fake.accepted()).toHaveLength(0);
  });

  it('classifies unsubscribed, unknown and malformed subscription ids as invalid_recipient', async () => {
    const { push } = await withFake('current');
    for (const device of [ONESIGNAL_DEVICES.unsubscribed, ONESIGNAL_DEVICES.unknown, 'd1'])
      expect(await failureOf(push, notification(device))).toMatchObject({ kind: 'invalid_recipient', retryable: false });
  });

  it('classifies a key that is not the app\u2019s as unauthorized (403)', async () => {
    await expectWrongKeyRefused('current');
  });
});

describe('createOneSignalPush', () => {
  it('talks to the current API unless ONESIGNAL_API=legacy, each at its own address unless ONESIGNAL_BASE_URL says otherwise', async () => {
    const requests: { url: string | undefined; authorization: string | undefined }[] = [];
    const server = await startLoopbackServer((request, response) => {
      requests.push({ url: request.url, authorization: request.headers['authorization'] });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"n-1"}');
    });
    closers.push(server.close);
    const appId = '202d4f61-1ca9-42df-9d36-bb17d8123abc';
    expect(oneSignalConfigSchema.parse({})).toMatchObject({ ONESIGNAL_API: 'current' });
    expect(oneSignalConfigSchema.parse({}).ONESIGNAL_BASE_URL).toBeUndefined();
    for (const api of [undefined, 'legacy'] as const) {
      const settings = oneSignalConfigSchema.parse({
        ONESIGNAL_APP_ID: appId,
        ONESIGNAL_API_KEY: 'k',
        ONESIGNAL_BASE_URL: `${server.url}/x/`,
        ...(api ? { ONESIGNAL_API: api } : {}),
      });
      expect(await createOneSignalPush(settings, { timeoutMs: 1_000, clock: new SystemClock() })!.notify(notification())).toMatchObject({
        ok: true,
      });
    }
    expect(requests).toEqual([
      { url: '/x/notifications', authorization: 'Key k' },
      { url: '/x/notifications', authorization: 'Basic k' },
    ]);
    expect(oneSignalConfigSchema.safeParse({ ONESIGNAL_API: 'v2' }).success).toBe(false);
  });

  it('defaults to https://api.onesignal.com, and to https://onesignal.com/api/v1 for the legacy API', () => {
    expect(ONESIGNAL_DEFAULT_BASE_URLS).toEqual({ current: 'https://api.onesignal.com', legacy: 'https://onesignal.com/api/v1' });
  });

  it('is off unless both the app id and the key are set', () => {
    expect(createOneSignalPush(oneSignalConfigSchema.parse({}), { timeoutMs: 1_000, clock: new SystemClock() })).toBeNull();
    const appId = '202d4f61-1ca9-42df-9d36-bb17d8123abc';
    expect(
      createOneSignalPush(oneSignalConfigSchema.parse({ ONESIGNAL_APP_ID: appId }), { timeoutMs: 1_000, clock: new SystemClock() }),
    ).toBeNull();
    const push = createOneSignalPush(oneSignalConfigSchema.parse({ ONESIGNAL_APP_ID: appId, ONESIGNAL_API_KEY: 'y' }), {
      timeoutMs: 1_000,
      clock: new SystemClock(),
    });
    expect(push?.provider).toBe('onesignal');
  });

  it('refuses an app id that is not a UUID', () => {
    expect(oneSignalConfigSchema.safeParse({ ONESIGNAL_APP_ID: 'x' }).error?.issues[0]?.message).toBe(
      'must be the OneSignal app id (a UUID)',
    );
  });
});
