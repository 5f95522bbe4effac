import { SystemClock } from '../../../../src/adapters/in-process/system-clock.adapter.ts';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { gowaConfigSchema } from '../../../../src/adapters/gowa/gowa.config.ts';
import { REACHOUT_TIMELOCK_WAIT_MS } from '../../../../src/adapters/gowa/gowa.errors.ts';
import { GowaMessaging } from '../../../../src/adapters/gowa/gowa.messaging.adapter.ts';
import { contractMessage } from '../../../contract/messaging.contract.ts';
import { startGowaFake, type GowaFakeOptions } from '../../../support/fakes/gowa.fake.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';
import { closedPortUrl, startScriptedServer, type ScriptedAnswer } from '../../../support/scripted-server.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const adapter = (env: Record<string, string>) =>
  new GowaMessaging(gowaConfigSchema.parse(env), { timeoutMs: 1_000, clock: new SystemClock(), logger: new MemoryLogger() });

async function withFake(options: GowaFakeOptions = {}) {
  const started = await startGowaFake(options);
  closers.push(started.close);
  return { ...started, port: adapter(started.env) };
}

async function sendAgainst(answer: ScriptedAnswer) {
  const server = await startScriptedServer(answer);
  closers.push(server.close);
  return adapter({ GOWA_BASE_URL: server.url }).send(contractMessage());
}

const gowaError = (status: number, code: string, message = 'detail') => ({ status, body: { code, message } });

describe('GowaMessaging', () => {
  it('posts {phone, message} to /send/message with basic auth and the device header', async () => {
    const { port, fake } = await withFake();
    expect(await port.send(contractMessage({ to: '+50670001234', text: 'Hola' }))).toEqual({
      ok: true,
      value: { provider: 'gowa', providerMessageId: expect.stringMatching(/^3EB0[0-9A-F]+$/u) },
    });
    const [call] = fake.server!.requests;
    const basic = Buffer.from(`${fake.credentials!.username}:${fake.credentials!.password}`).toString('base64');
    expect(call).toMatchObject({ method: 'POST', url: '/send/message' });
    expect(call!.headers).toMatchObject({ authorization: `Basic ${basic}`, 'x-device-id': 'cvt-main', 'content-type': 'application/json' });
    expect(JSON.parse(call!.body)).toEqual({ phone: '50670001234', message: 'Hola' });
  });

  it('calls a gateway without basic auth or device header when none is configured', async () => {
    const { port, fake } = await withFake({ credentials: null, deviceIdInEnv: false });
    expect((await port.send(contractMessage())).ok).toBe(true);
    expect(fake.server!.requests[0]!.headers).not.toHaveProperty('authorization');
    expect(fake.server!.requests[0]!.headers).not.toHaveProperty('x-device-id');
  });

  it('names the device by slot or JID, percent-encoding an id the gateway would otherwise decode differently', async () => {
    const devices = [
      { id: 'org 2%', jid: '50670000000@s.whatsapp.net' },
      { id: 'cvt-main', jid: '50670000001@s.whatsapp.net' },
    ];
    const started = await startGowaFake({ devices });
    closers.push(started.close);
    expect((await adapter({ ...started.env, GOWA_DEVICE_ID: 'org 2%' }).send(contractMessage())).ok).toBe(true);
    expect(started.fake.server!.requests.at(-1)!.headers['x-device-id']).toBe('org%202%25');
    expect((await adapter({ ...started.env, GOWA_DEVICE_ID: '50670000001@s.whatsapp.net' }).send(contractMessage())).ok).toBe(true);
    expect(started.fake.server!.requests.at(-1)!.headers['x-device-id']).toBe('50670000001@s.whatsapp.net');
  });

  it('refuses, as configuration errors, a missing device id on a gateway with several devices and an unknown one', async () => {
    const devices = [
      { id: 'a', jid: '50670000000@s.whatsapp.net' },
      { id: 'b', jid: '50670000001@s.whatsapp.net' },
    ];
    const started = await startGowaFake({ devices, deviceIdInEnv: false });
    closers.push(started.close);
    expect(await adapter(started.env).send(contractMessage())).toMatchObject({
      ok: false,
      error: { kind: 'rejected', retryable: false, message: expect.stringContaining('set GOWA_DEVICE_ID; said: DEVICE_ID_REQUIRED') },
    });
    expect(await adapter({ ...started.env, GOWA_DEVICE_ID: 'zzz' }).send(contractMessage())).toMatchObject({
      error: {
        kind: 'rejected',
        retryable: false,
        message: expect.stringContaining('HTTP 404: no device matches GOWA_DEVICE_ID; said: DEVICE_NOT_FOUND'),
      },
    });
  });

  it('tells the basic-auth refusal (plain text) from a session that is not logged in (JSON AUTHENTICATION_ERROR)', async () => {
    const started = await startGowaFake();
    closers.push(started.close);
    const refused = await adapter({ ...started.env, GOWA_PASSWORD: 'wrong-password' }).send(contractMessage());
    expect(refused).toMatchObject({
      error: {
        kind: 'unauthorized',
        retryable: false,
        message: 'gowa answered HTTP 401: the credentials were refused (check GOWA_USERNAME and GOWA_PASSWORD); said: Unauthorized',
      },
    });
    started.fake.state = 'connected';
    expect(await adapter(started.env).send(contractMessage())).toMatchObject({
      error: { kind: 'not_ready', retryable: true, message: expect.stringContaining('AUTHENTICATION_ERROR: you are not logged in') },
    });
    started.fake.state = 'disconnected';
    expect(await adapter(started.env).send(contractMessage())).toMatchObject({
      error: { kind: 'not_ready', message: expect.stringContaining('please reconnect') },
    });
    started.fake.state = 'logged_out';
    expect(await adapter(started.env).send(contractMessage())).toMatchObject({
      error: { kind: 'not_ready', message: expect.stringContaining('INVALID_WA_CLI') },
    });
    expect(started.fake.accepted()).toEqual([]);
  });

  it('reports a number that is not on WhatsApp as a bad recipient', async () => {
    const { port } = await withFake({ notOnWhatsApp: ['50688888888'] });
    expect(await port.send(contractMessage())).toMatchObject({
      error: {
        kind: 'invalid_recipient',
        retryable: false,
        message: expect.stringContaining('Phone 50688888888@s.whatsapp.net is not on whatsapp'),
      },
    });
  });

  it('classifies every error code of docs/contracts/providers/gowa.md §1.3', async () => {
    const cases: [ScriptedAnswer, string, boolean][] = [
      [gowaError(400, 'VALIDATION_ERROR', 'message: cannot be blank.'), 'rejected', false],
      [gowaError(400, 'INVALID_JID', 'Phone 1@s.whatsapp.net is not on whatsapp'), 'invalid_recipient', false],
      [gowaError(400, 'DEVICE_ID_REQUIRED'), 'rejected', false],
      [{ status: 404, body: { code: 'DEVICE_NOT_FOUND', message: 'device x not found', results: { device_id: 'x' } } }, 'rejected', false],
      [gowaError(401, 'AUTHENTICATION_ERROR', 'you are not logged in'), 'not_ready', true],
      [gowaError(500, 'INVALID_WA_CLI', 'your WhatsApp CLI is invalid or empty'), 'not_ready', true],
      [gowaError(500, 'INTERNAL_SERVER_ERROR', 'Whatsapp client is not initialized'), 'unavailable', true],
      [gowaError(429, 'WA_REACHOUT_TIMELOCK'), 'rate_limited', true],
      [gowaError(504, 'GATEWAY_TIMEOUT', 'context deadline exceeded'), 'timeout', true],
      [gowaError(503, 'DEVICE_MANAGER_UNAVAILABLE'), 'unavailable', true],
      [gowaError(418, 'SOMETHING_NEW'), 'rejected', false],
      [gowaError(400, 'constructor'), 'rejected', false],
      [gowaError(500, 'toString'), 'unavailable', true],
      [gowaError(502, 'SOMETHING_NEW'), 'unavailable', true],
      [{ status: 401, body: { code: 'UNAUTHORIZED', message: 'proxy says no' } }, 'unauthorized', false],
      [{ status: 403, body: 'Forbidden' }, 'unauthorized', false],
      [{ status: 404, body: 'Cannot POST /send/message' }, 'rejected', false],
      [{ status: 301, headers: { location: 'https://elsewhere.example/' } }, 'rejected', false],
      [{ status: 502, body: '<html>Bad Gateway</html>' }, 'unavailable', true],
      [{ status: 200, body: '<html>captive portal</html>' }, 'unavailable', true],
      [{ status: 200, body: { code: 'ERROR', message: 'odd' } }, 'unavailable', true],
    ];
    for (const [answer, kind, retryable] of cases) {
      const code = typeof answer.body === 'object' ? (answer.body as { code: string }).code : answer.status;
      expect(await sendAgainst(answer), String(code)).toMatchObject({ ok: false, error: { kind, retryable, provider: 'gowa' } });
    }
  });

  it('waits out the reach-out timelock for a quarter of an hour, longer if the gateway ever says so', async () => {
    expect(await sendAgainst(gowaError(429, 'WA_REACHOUT_TIMELOCK'))).toMatchObject({
      error: { kind: 'rate_limited', retryAfterMs: REACHOUT_TIMELOCK_WAIT_MS },
    });
    expect(REACHOUT_TIMELOCK_WAIT_MS).toBe(900_000);
    expect(await sendAgainst({ ...gowaError(429, 'WA_REACHOUT_TIMELOCK'), headers: { 'retry-after': '3600' } })).toMatchObject({
      error: { retryAfterMs: 3_600_000 },
    });
    expect(await sendAgainst({ status: 429, body: 'slow down', headers: { 'retry-after': '5' } })).toMatchObject({
      error: { kind: 'rate_limited', retryAfterMs: 5_000 },
    });
    expect(await sendAgainst({ status: 429, body: 'slow down' })).toMatchObject({ error: { kind: 'rate_limited', retryAfterMs: 30_000 } });
  });

  it('takes a success without a message id, as long as it is gowa\u2019s', async () => {
    expect(await sendAgainst({ status: 200, body: { code: 'SUCCESS', message: 'Message sent', results: {} } })).toEqual({
      ok: true,
      value: { provider: 'gowa', providerMessageId: null },
    });
  });

  it('never repeats the password or the encoded credentials, even when echoed', async () => {
    const { fake, env } = await withFake();
    const basic = Buffer.from(`${fake.credentials!.username}:${fake.credentials!.password}`).toString('base64');
    const server = await startScriptedServer(
      gowaError(500, 'INTERNAL_SERVER_ERROR', `bad header Basic ${basic} for ${fake.credentials!.password}`),
    );
    closers.push(server.close);
    const result = await adapter({ ...env, GOWA_BASE_URL: server.url }).send(contractMessage());
    for (const secret of fake.secrets) expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('reports a gateway nobody answers for as unavailable', async () => {
    expect(await adapter({ GOWA_BASE_URL: await closedPortUrl() }).send(contractMessage())).toMatchObject({
      error: { kind: 'unavailable', retryable: true, message: expect.stringContaining('ECONNREFUSED') },
    });
  });
});

describe('the gowa fake', () => {
  it('answers a body it cannot bind with 500 INTERNAL_SERVER_ERROR, as gowa does, and blank fields with VALIDATION_ERROR', async () => {
    const { url, fake } = await withFake({ credentials: null });
    const post = async (body: string) => {
      const response = await request(`${url}/send/message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: response.statusCode, body: await response.body.json() };
    };
    expect(await post('{"phone": ')).toMatchObject({ status: 500, body: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(await post('{}')).toEqual({
      status: 400,
      body: { code: 'VALIDATION_ERROR', message: 'message: cannot be blank; phone: cannot be blank.' },
    });
    expect(await post('{"phone": "088888888", "message": "x"}')).toMatchObject({ status: 400, body: { code: 'VALIDATION_ERROR' } });
    expect(await post('{"phone": "506 8888 8888", "message": "x"}')).toMatchObject({ status: 400, body: { code: 'INVALID_JID' } });
    expect(fake.accepted()).toEqual([]);
  });
});
