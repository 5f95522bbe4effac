import { afterEach, describe, expect, it } from 'vitest';
import { botmakerConfigSchema } from '../../../../src/adapters/botmaker/botmaker.config.ts';
import { BotmakerMessaging } from '../../../../src/adapters/botmaker/botmaker.messaging.adapter.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { startBotmakerFake } from '../../../support/fakes/botmaker.fake.ts';
import { startLoopbackServer } from '../../../support/loopback-server.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function setup(overrides: Record<string, string> = {}) {
  const server = await startBotmakerFake();
  closers.push(server.close);
  const clock = new FakeClock();
  const messaging = new BotmakerMessaging(botmakerConfigSchema.parse({ ...server.env, ...overrides }), {
    timeoutMs: 1_000,
    clock,
    logger: new MemoryLogger(),
  });
  return { messaging, fake: server.fake, env: server.env, clock };
}

describe('BotmakerMessaging.session', () => {
  it('is ready when Botmaker lists the channel', async () => {
    const { messaging } = await setup();
    expect(await messaging.session()).toEqual({
      ready: true,
      detail: 'botmaker: API reachable, channel botproject-whatsapp-50622223333 listed',
    });
  });

  it('recognises the channel given as its line number', async () => {
    const { messaging } = await setup({ BOTMAKER_CHANNEL_ID: '+50622223333' });
    expect(await messaging.session()).toMatchObject({ ready: true, detail: expect.stringContaining('listed') });
  });

  it('stays ready but says so when the channel is not the token\u2019s', async () => {
    const { messaging } = await setup({ BOTMAKER_CHANNEL_ID: 'botproject-whatsapp-50699999999' });
    expect(await messaging.session()).toEqual({ ready: true, detail: expect.stringContaining('check BOTMAKER_CHANNEL_ID') });
  });

  it('is not ready when Botmaker refuses the token, and never says the token', async () => {
    const { messaging } = await setup({ BOTMAKER_ACCESS_TOKEN: 'eyJ.revoked-token.sig' });
    const state = await messaging.session();
    expect(state).toEqual({ ready: false, detail: 'botmaker: the access token is refused (HTTP 401)' });
  });

  it('stays ready when the check itself fails: sends report outages', async () => {
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(503);
      response.end();
    });
    closers.push(server.close);
    const { env } = await setup();
    const messaging = new BotmakerMessaging(botmakerConfigSchema.parse({ ...env, BOTMAKER_BASE_URL: server.url }), {
      timeoutMs: 1_000,
      clock: new FakeClock(),
      logger: new MemoryLogger(),
    });
    expect(await messaging.session()).toEqual({ ready: true, detail: 'botmaker: channels not checked (HTTP 503)' });
  });

  it('asks Botmaker at most once a minute (GET /channels allows one request per second), sharing one check', async () => {
    const { messaging, fake, clock } = await setup();
    await Promise.all([messaging.session(), messaging.session(), messaging.session()]);
    clock.advance(59_000);
    await messaging.session();
    expect(fake.channelCalls()).toBe(1);
    clock.advance(1_000);
    await messaging.session();
    expect(fake.channelCalls()).toBe(2);
  });
});
