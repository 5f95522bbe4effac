import { afterEach, describe, expect, it } from 'vitest';
import { botmakerConfigSchema } from '../../../../src/adapters/botmaker/botmaker.config.ts';
import { BotmakerMessaging } from '../../../../src/adapters/botmaker/botmaker.messaging.adapter.ts';
import { contractMessage } from '../../../contract/messaging.contract.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { startBotmakerFake } from '../../../support/fakes/botmaker.fake.ts';
import { startLoopbackServer } from '../../../support/loopback-server.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function withFake() {
  const server = await startBotmakerFake();
  closers.push(server.close);
  const logger = new MemoryLogger();
  const messaging = new BotmakerMessaging(botmakerConfigSchema.parse(server.env), { timeoutMs: 2_000, clock: new FakeClock(), logger });
  return { messaging, fake: server.fake, env: server.env, logger };
}

const numbers = (count: number) => Array.from({ length: count }, (_, index) => `+5068${String(index).padStart(7, '0')}`);

describe('BotmakerMessaging.sendMany (chats-actions/batch/trigger-intent)', () => {
  it('sends at most 500 items per call and answers one result per message, in order', async () => {
    const { messaging, fake } = await withFake();
    const messages = numbers(1_201).map((to) => contractMessage({ to }));
    const results = await messaging.sendMany(messages);
    expect(fake.batchCalls()).toBe(3);
    expect(fake.requests.map((request) => (JSON.parse(request.body) as { items: unknown[] }).items.length)).toEqual([500, 500, 201]);
    expect(results).toHaveLength(1_201);
    expect(results.every((result) => result.ok && result.value.providerMessageId !== null)).toBe(true);
    expect(fake.accepted().map((message) => message.to)).toEqual(numbers(1_201));
    const payloads = fake.requests.flatMap((request) =>
      (JSON.parse(request.body) as { items: { webhookPayload: string }[] }).items.map((item) => item.webhookPayload),
    );
    expect(payloads).toEqual(messages.map((message) => message.deliveryId));
  });

  it('makes no call for no messages', async () => {
    const { messaging, fake } = await withFake();
    expect(await messaging.sendMany([])).toEqual([]);
    expect(fake.calls()).toBe(0);
  });

  it('classifies each refused item on its own and sends the others', async () => {
    const { messaging, fake } = await withFake();
    fake.fail('invalid_recipient');
    const results = await messaging.sendMany(numbers(3).map((to) => contractMessage({ to })));
    expect(results.map((result) => (result.ok ? 'sent' : result.error.kind))).toEqual(['invalid_recipient', 'sent', 'sent']);
    expect(results[0]).toMatchObject({ ok: false, error: { retryable: false, provider: 'botmaker' } });
    expect(fake.accepted()).toHaveLength(2);
  });

  it('fails every message of a call Botmaker refuses as a whole', async () => {
    const { messaging, fake } = await withFake();
    fake.fail('rate_limited');
    const limited = await messaging.sendMany(numbers(2).map((to) => contractMessage({ to })));
    expect(limited.map((result) => !result.ok && [result.error.kind, result.error.retryable, result.error.retryAfterMs])).toEqual([
      ['rate_limited', true, 1_000],
      ['rate_limited', true, 1_000],
    ]);
    fake.fail('unauthorized');
    const refused = await messaging.sendMany(numbers(2).map((to) => contractMessage({ to })));
    expect(refused.map((result) => !result.ok && result.error.kind)).toEqual(['unauthorized', 'unauthorized']);
    expect(fake.accepted()).toHaveLength(0);
  });

  it('fails every message of a call with a 400 for the whole batch', async () => {
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ type: 'invalid', source: 'items', message: 'Max 500 items per request' }] }));
    });
    closers.push(server.close);
    const { env } = await withFake();
    const messaging = new BotmakerMessaging(botmakerConfigSchema.parse({ ...env, BOTMAKER_BASE_URL: server.url }), {
      timeoutMs: 2_000,
      clock: new FakeClock(),
      logger: new MemoryLogger(),
    });
    const results = await messaging.sendMany([contractMessage(), contractMessage()]);
    expect(results.map((result) => !result.ok && [result.error.kind, result.error.retryable])).toEqual([
      ['rejected', false],
      ['rejected', false],
    ]);
  });

  it('never counts a message as sent when the batch answer has no result for it', async () => {
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(202, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ items: [{ webhookNotificationId: 'WN1' }] }));
    });
    closers.push(server.close);
    const { env, logger } = await withFake();
    const messaging = new BotmakerMessaging(botmakerConfigSchema.parse({ ...env, BOTMAKER_BASE_URL: server.url }), {
      timeoutMs: 2_000,
      clock: new FakeClock(),
      logger,
    });
    const results = await messaging.sendMany([contractMessage(), contractMessage()]);
    expect(results[0]).toEqual({ ok: true, value: { provider: 'botmaker', providerMessageId: 'WN1' } });
    expect(results[1]).toMatchObject({ ok: false, error: { kind: 'unavailable', retryable: true } });
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', fields: { messages: 2, results: 1 } }));
  });

  it('fails an item that carries neither errors nor a webhookNotificationId, quoting the item, and never counts it as sent', async () => {
    const { messaging, fake } = await withFake();
    fake.answerNextItemWith({ status: 'NOT_SENT', message: 'Contact opted out of notifications' });
    const results = await messaging.sendMany(numbers(2).map((to) => contractMessage({ to })));
    expect(results[0]).toMatchObject({ ok: false, error: { provider: 'botmaker', retryable: false } });
    expect(!results[0]!.ok && results[0]!.error.message).toContain('Contact opted out of notifications');
    expect(results[1]).toMatchObject({ ok: true, value: { provider: 'botmaker' } });
    expect(fake.accepted().map((message) => message.to)).toEqual([numbers(2)[1]]);
  });
});
