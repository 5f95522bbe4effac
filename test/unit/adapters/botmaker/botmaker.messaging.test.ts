import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { botmakerConfigSchema } from '../../../../src/adapters/botmaker/botmaker.config.ts';
import { BotmakerMessaging } from '../../../../src/adapters/botmaker/botmaker.messaging.adapter.ts';
import type { ProviderMessage } from '../../../../src/application/ports/messaging.port.ts';
import { contractMessage } from '../../../contract/messaging.contract.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { startBotmakerFake } from '../../../support/fakes/botmaker.fake.ts';
import { startLoopbackServer, type LoopbackServer } from '../../../support/loopback-server.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.cvt-token.signature';
const WEBHOOK_TOKEN = 'webhook-token-0123456789';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function withFake() {
  const server = await startBotmakerFake();
  closers.push(server.close);
  const messaging = new BotmakerMessaging(botmakerConfigSchema.parse(server.env), {
    timeoutMs: 1_000,
    clock: new FakeClock(),
    logger: new MemoryLogger(),
  });
  return { messaging, fake: server.fake };
}

/** A server answering each call with the next scripted answer. */
async function scripted(
  ...answers: ((response: ServerResponse) => void)[]
): Promise<{ messaging: BotmakerMessaging; server: LoopbackServer }> {
  let next = 0;
  const server = await startLoopbackServer((_request, response) => answers[Math.min(next++, answers.length - 1)]!(response));
  closers.push(server.close);
  const settings = botmakerConfigSchema.parse({
    BOTMAKER_BASE_URL: `${server.url}/v2.0`,
    BOTMAKER_ACCESS_TOKEN: TOKEN,
    BOTMAKER_CHANNEL_ID: 'botproject-whatsapp-50622223333',
    BOTMAKER_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
    BOTMAKER_TEMPLATES: JSON.stringify({
      'meltwater-alert': { template: 'alerta_meltwater', params: { titular: 'titulo', medio: 'fuente', enlace: 'link' } },
      'meltwater-newsletter': { template: 'informe_meltwater', params: { titular: 'titulo', enlace: 'link' } },
      'offline-report': { template: 'informe_offline', params: { asunto: 'subject', enlace: 'link' } },
      'offline-alert': { template: 'alerta_noticia', params: { titular: 'titulo', enlace: 'link' } },
    }),
  });
  return {
    messaging: new BotmakerMessaging(settings, {
      timeoutMs: 1_000,
      clock: new FakeClock(Date.parse('2026-11-23T14:00:00Z')),
      logger: new MemoryLogger(),
    }),
    server,
  };
}

const reply =
  (status: number, body?: unknown, headers: Record<string, string> = {}) =>
  (response: ServerResponse) => {
    response.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json', ...headers });
    response.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
  };

const errors = (...entries: [type: string, source: string, message: string][]) => ({
  errors: entries.map(([type, source, message]) => ({ type, source, message })),
});

const failureOf = async (messaging: BotmakerMessaging, message: ProviderMessage = contractMessage()) => {
  const result = await messaging.send(message);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
};

describe('BotmakerMessaging.send', () => {
  it('triggers the job template with named variables, the digits of the number and our delivery id', async () => {
    const { messaging, server } = await scripted(reply(202, { webhookNotificationId: 'WN123' }));
    const message = contractMessage({
      to: '+50670001234',
      job: 'meltwater-alert',
      variables: { titulo: 'Nueva ruta', link: 'https://x.cr/a' },
    });
    expect(await messaging.send(message)).toEqual({ ok: true, value: { provider: 'botmaker', providerMessageId: 'WN123' } });
    const [call] = server.requests;
    expect(call).toMatchObject({ method: 'POST', url: '/v2.0/chats-actions/trigger-intent' });
    expect(call!.headers['access-token']).toBe(TOKEN);
    expect(call!.headers['authorization']).toBeUndefined();
    expect(JSON.parse(call!.body)).toEqual({
      chat: { channelId: 'botproject-whatsapp-50622223333', contactId: '50670001234' },
      intentIdOrName: 'alerta_meltwater',
      // WhatsApp refuses empty parameters: an unknown outlet shows as "-".
      variables: { titular: 'Nueva ruta', medio: '-', enlace: 'https://x.cr/a' },
      webhookPayload: message.deliveryId,
    });
  });

  it('never addresses a contact with a "+", which would open another, empty chat', async () => {
    const { messaging, fake } = await withFake();
    expect((await messaging.send(contractMessage({ to: '+14155550123' }))).ok).toBe(true);
    expect(fake.strayChats()).toEqual([]);
    expect(fake.accepted().map((message) => message.to)).toEqual(['+14155550123']);
  });

  it('takes 200 as well as 202 (the help article still documents 200), and a missing id as none', async () => {
    const { messaging } = await scripted(reply(200, { webhookNotificationId: 'WN200' }), reply(202, '<html>accepted</html>'));
    expect(await messaging.send(contractMessage())).toEqual({ ok: true, value: { provider: 'botmaker', providerMessageId: 'WN200' } });
    expect(await messaging.send(contractMessage())).toEqual({ ok: true, value: { provider: 'botmaker', providerMessageId: null } });
  });

  it.each([
    ['an unknown intent', errors(['not_found', 'intentIdOrName', "Intent 'alerta_noticia' not found"]), 'template_rejected'],
    [
      'a template of another line',
      errors(['invalid', 'intentIdOrName', 'WhatsApp template is not approved for this channel']),
      'template_rejected',
    ],
    ['a wrong channel', errors(['not_found', 'chat.channelId', 'Channel not found']), 'rejected'],
    ['a bad contact', errors(['invalid', 'chat.contactId', 'Invalid contact id']), 'invalid_recipient'],
    ['a bad chat reference', errors(['invalid', 'chat', 'Chat reference problem']), 'invalid_recipient'],
    ['another body problem', errors(['invalid', 'variables', 'must be a map of strings']), 'rejected'],
    ['no error list', '<html>Bad Request</html>', 'rejected'],
  ])('classifies a 400 for %s as %s, permanent, quoting Botmaker', async (_case, body, kind) => {
    const { messaging } = await scripted(reply(400, body));
    const failure = await failureOf(messaging);
    expect(failure).toMatchObject({ kind, retryable: false, provider: 'botmaker' });
    expect(failure.message).toMatch(
      typeof body === 'string'
        ? /HTTP 400: <html>Bad Request/u
        : new RegExp((body as ReturnType<typeof errors>).errors[0]!.source.replace('.', '\\.'), 'u'),
    );
  });

  it.each([401, 403])('classifies %i as unauthorized, permanent', async (status) => {
    const { messaging } = await scripted(reply(status, errors(['forbidden', 'access-token', 'Invalid token'])));
    expect(await failureOf(messaging)).toMatchObject({
      kind: 'unauthorized',
      retryable: false,
      message: expect.stringContaining(`HTTP ${status}`),
    });
  });

  it('classifies 429 as rate limited, honouring Retry-After in seconds or as a date, else one second', async () => {
    const { messaging } = await scripted(
      reply(429, undefined, { 'retry-after': '7' }),
      reply(429, undefined, { 'retry-after': 'Mon, 23 Nov 2026 14:00:30 GMT' }),
      reply(429, undefined),
    );
    expect(await failureOf(messaging)).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 7_000 });
    expect(await failureOf(messaging)).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000 });
    expect(await failureOf(messaging)).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1_000 });
  });

  it.each([500, 502, 503, 504])('classifies %i as unavailable, retryable', async (status) => {
    const { messaging } = await scripted(reply(status, '<html>Server Error</html>'));
    expect(await failureOf(messaging)).toMatchObject({ kind: 'unavailable', retryable: true });
  });

  it('does not follow a redirect, and says to check the base URL', async () => {
    const { messaging, server } = await scripted(
      reply(301, undefined, { location: 'https://elsewhere.example/v2.0/chats-actions/trigger-intent' }),
    );
    expect(await failureOf(messaging)).toMatchObject({ kind: 'rejected', message: expect.stringContaining('BOTMAKER_BASE_URL') });
    expect(server.requests).toHaveLength(1);
  });

  it('classifies an unknown 4xx as rejected, permanent', async () => {
    const { messaging } = await scripted(reply(404, { message: 'no such route' }));
    expect(await failureOf(messaging)).toMatchObject({ kind: 'rejected', retryable: false, message: expect.stringContaining('HTTP 404') });
  });

  it('never lets a credential out, even when Botmaker quotes it', async () => {
    const { messaging } = await scripted(
      reply(401, errors(['unauthorized', 'access-token', `Token ${TOKEN} expired`])),
      reply(400, errors(['invalid', 'chat.contactId', `bad contact (auth ${WEBHOOK_TOKEN})`])),
    );
    for (let index = 0; index < 2; index++) {
      const serialised = JSON.stringify(await failureOf(messaging));
      expect(serialised).not.toContain(TOKEN);
      expect(serialised).not.toContain(WEBHOOK_TOKEN);
    }
  });

  it('reports a refused connection as unavailable instead of throwing', async () => {
    const { messaging, server } = await scripted(reply(202, {}));
    await server.close();
    expect(await failureOf(messaging)).toMatchObject({ kind: 'unavailable', retryable: true, provider: 'botmaker' });
  });

  it('reports a slow answer as a timeout', async () => {
    const server = await startBotmakerFake({ slowMs: 600 });
    closers.push(server.close);
    const messaging = new BotmakerMessaging(botmakerConfigSchema.parse(server.env), {
      timeoutMs: 200,
      clock: new FakeClock(),
      logger: new MemoryLogger(),
    });
    server.fake.fail('timeout');
    expect(await failureOf(messaging)).toMatchObject({
      kind: 'timeout',
      retryable: true,
      message: 'Botmaker did not answer within 200 ms',
    });
  });
});
