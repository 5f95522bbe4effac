import { SystemClock } from '../../../../src/adapters/in-process/system-clock.adapter.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { waapiConfigSchema } from '../../../../src/adapters/waapi/waapi.config.ts';
import { WaapiMessaging } from '../../../../src/adapters/waapi/waapi.messaging.adapter.ts';
import { contractMessage } from '../../../contract/messaging.contract.ts';
import { startWaapiFake, type WaapiFakeOptions } from '../../../support/fakes/waapi.fake.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';
import { closedPortUrl, startScriptedServer, type ScriptedAnswer } from '../../../support/scripted-server.ts';

const TOKEN = 'waapi-secret-token-0123456789';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const adapter = (env: Record<string, string>) =>
  new WaapiMessaging(waapiConfigSchema.parse({ WAAPI_TOKEN: TOKEN, WAAPI_INSTANCE_ID: '60123', ...env }), {
    timeoutMs: 1_000,
    clock: new SystemClock(),
    logger: new MemoryLogger(),
  });

async function withFake(options: WaapiFakeOptions = {}) {
  const started = await startWaapiFake(options);
  closers.push(started.close);
  return { ...started, port: adapter(started.env) };
}

async function sendAgainst(answer: ScriptedAnswer) {
  const server = await startScriptedServer(answer);
  closers.push(server.close);
  return adapter({ WAAPI_BASE_URL: server.url }).send(contractMessage());
}

describe('WaapiMessaging', () => {
  it('posts {chatId, message} to the instance\u2019s send-message action with the Bearer token', async () => {
    const { port, fake } = await withFake({ token: TOKEN });
    await port.send(contractMessage({ to: '+50670001234', text: 'Hola *mundo*' }));
    const [call] = fake.server!.requests;
    expect(call).toMatchObject({ method: 'POST', url: '/api/v1/instances/60123/client/action/send-message' });
    expect(call!.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(JSON.parse(call!.body)).toEqual({ chatId: '50670001234@c.us', message: 'Hola *mundo*' });
  });

  it('keeps the message hash that receipts carry whatever the chat id becomes, from the OpenAPI answer and from the wrapped one', async () => {
    for (const answerShape of ['openapi', 'wrapped'] as const) {
      const { port, fake } = await withFake({ answerShape });
      const result = await port.send(contractMessage());
      expect(result).toEqual({ ok: true, value: { provider: 'waapi', providerMessageId: expect.stringMatching(/^3EB0[0-9A-F]+$/u) } });
      expect(fake.messageIds()).toEqual([`true_50688888888@c.us_${result.ok ? result.value.providerMessageId : ''}`]);
    }
  });

  it('reads the message id at data.id too (its hash, or the end of _serialized), and sends without one when none is given', async () => {
    expect(await sendAgainst({ status: 200, body: { status: 'success', data: { id: { _serialized: 'true_1@c.us_ABC' } } } })).toMatchObject(
      {
        ok: true,
        value: { providerMessageId: 'ABC' },
      },
    );
    expect(
      await sendAgainst({ status: 200, body: { status: 'success', data: { id: { id: '3EB0F00D', _serialized: 'true_1@lid_3EB0F00D' } } } }),
    ).toMatchObject({ ok: true, value: { providerMessageId: '3EB0F00D' } });
    expect(await sendAgainst({ status: 200, body: { status: 'success', data: {} } })).toMatchObject({
      ok: true,
      value: { providerMessageId: null },
    });
  });

  it('treats an HTTP 200 whose outer status is "error" as an instance that is not ready', async () => {
    const { port, fake } = await withFake();
    fake.instanceStatus = 'qr';
    expect(await port.send(contractMessage())).toMatchObject({
      ok: false,
      error: { kind: 'not_ready', retryable: true, provider: 'waapi', message: expect.stringContaining('instance not ready') },
    });
    expect(fake.accepted()).toEqual([]);
  });

  it('treats an HTTP 200 whose inner data.status is "error" as a refusal: a bad chat id is a bad recipient', async () => {
    const inner = (message: string) => ({
      status: 200,
      body: { status: 'success', data: { status: 'error', message, explanation: 'why' } },
    });
    expect(await sendAgainst(inner('incorrect chatId format.'))).toMatchObject({
      ok: false,
      error: { kind: 'invalid_recipient', retryable: false, message: expect.stringContaining('incorrect chatId format. — why') },
    });
    expect(await sendAgainst(inner('Protocol error (Runtime.callFunctionOn): Session closed.'))).toMatchObject({
      error: { kind: 'not_ready', retryable: true },
    });
    expect(await sendAgainst(inner('something else went wrong'))).toMatchObject({ error: { kind: 'rejected', retryable: false } });
  });

  it('classifies every documented HTTP status', async () => {
    const cases: [ScriptedAnswer, string, boolean][] = [
      [{ status: 401, body: { message: 'Unauthenticated.' } }, 'unauthorized', false],
      [{ status: 403, body: { message: 'This action is unauthorized.' } }, 'unauthorized', false],
      [{ status: 404, body: { message: 'Not Found' } }, 'rejected', false],
      [{ status: 422, body: { message: 'The chat id field is required.', errors: { chatId: ['required'] } } }, 'rejected', false],
      [{ status: 400, body: { message: 'failed' } }, 'rejected', false],
      [{ status: 418, body: 'teapot' }, 'rejected', false],
      [{ status: 302, headers: { location: 'https://elsewhere.example/' } }, 'rejected', false],
      [{ status: 408 }, 'timeout', true],
      [{ status: 500, body: { message: 'Server Error' } }, 'unavailable', true],
      [{ status: 502, body: '<html>Bad Gateway</html>' }, 'unavailable', true],
      [{ status: 504 }, 'timeout', true],
      [{ status: 200, body: '<html>maintenance</html>' }, 'unavailable', true],
    ];
    for (const [answer, kind, retryable] of cases) {
      expect(await sendAgainst(answer), `HTTP ${answer.status}`).toMatchObject({
        ok: false,
        error: { kind, retryable, message: expect.stringContaining(`HTTP ${answer.status}`) },
      });
    }
  });

  it('quotes the provider\u2019s words, never an HTML page', async () => {
    const validation = await sendAgainst({
      status: 422,
      body: { message: 'The chat id field is required.', errors: { chatId: ['required'] } },
    });
    expect(validation).toMatchObject({ error: { message: expect.stringContaining('{"chatId":["required"]}') } });
    const html = await sendAgainst({ status: 502, body: '<html><body>Bad Gateway</body></html>' });
    expect(html).toMatchObject({ error: { message: 'waapi answered HTTP 502: server error' } });
  });

  it('waits as long as a 429 asks, in seconds or as a date, and half a minute when it does not say', async () => {
    expect(await sendAgainst({ status: 429, headers: { 'retry-after': '7' } })).toMatchObject({
      error: { kind: 'rate_limited', retryAfterMs: 7_000 },
    });
    const at = new Date(Date.now() + 60_000).toUTCString();
    const dated = await sendAgainst({ status: 429, headers: { 'retry-after': at } });
    expect(dated.ok ? 0 : dated.error.retryAfterMs).toBeGreaterThan(50_000);
    expect(await sendAgainst({ status: 429, body: { message: 'Too Many Attempts.' } })).toMatchObject({ error: { retryAfterMs: 30_000 } });
  });

  it('never repeats a secret, even one the provider echoes', async () => {
    const result = await sendAgainst({ status: 401, body: { message: `token ${TOKEN} is not valid` } });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(result).toMatchObject({ error: { message: expect.stringContaining('token *** is not valid') } });
  });

  it('refuses the wrong token or instance as permanent failures', async () => {
    const started = await startWaapiFake();
    closers.push(started.close);
    expect(await adapter({ ...started.env, WAAPI_TOKEN: 'another-token' }).send(contractMessage())).toMatchObject({
      error: { kind: 'unauthorized' },
    });
    expect(await adapter({ ...started.env, WAAPI_INSTANCE_ID: '1' }).send(contractMessage())).toMatchObject({
      error: { kind: 'rejected', message: expect.stringContaining('instance does not exist') },
    });
  });

  it('reports a provider nobody answers for as unavailable, for later', async () => {
    expect(await adapter({ WAAPI_BASE_URL: await closedPortUrl() }).send(contractMessage())).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', retryable: true, message: expect.stringContaining('ECONNREFUSED') },
    });
  });
});

describe('the waapi fake', () => {
  it('answers like Waapi: Laravel\u2019s 401 and 422, and HTTP 200 with an inner error for a malformed chat id', async () => {
    const { request } = await import('undici');
    const { url, fake } = await withFake({ token: TOKEN });
    const post = async (body: string, token = TOKEN) => {
      const response = await request(`${url}/instances/60123/client/action/send-message`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      return { status: response.statusCode, body: await response.body.json() };
    };
    expect(await post('{}', 'wrong')).toEqual({ status: 401, body: { message: 'Unauthenticated.' } });
    expect(await post('{"chatId": ')).toMatchObject({
      status: 422,
      body: { errors: { chatId: [expect.any(String)], message: [expect.any(String)] } },
    });
    expect(await post('{"chatId": "50688888888", "message": "hola"}')).toMatchObject({
      status: 200,
      body: { status: 'success', data: { status: 'error', message: 'incorrect chatId format.' } },
    });
    expect(fake.accepted()).toEqual([]);
  });
});
