import { SystemClock } from '../../../../src/adapters/in-process/system-clock.adapter.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { gowaConfigSchema } from '../../../../src/adapters/gowa/gowa.config.ts';
import { GowaMessaging } from '../../../../src/adapters/gowa/gowa.messaging.adapter.ts';
import { startGowaFake } from '../../../support/fakes/gowa.fake.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';
import { closedPortUrl, startScriptedServer } from '../../../support/scripted-server.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});
const adapter = (env: Record<string, string>) =>
  new GowaMessaging(gowaConfigSchema.parse(env), { timeoutMs: 1_000, clock: new SystemClock(), logger: new MemoryLogger() });

describe('GowaMessaging.session', () => {
  it('is ready only when the device is logged in, and says what to do otherwise', async () => {
    const started = await startGowaFake();
    closers.push(started.close);
    const port = adapter(started.env);
    expect(await port.session()).toEqual({ ready: true, detail: 'gowa: the WhatsApp device is logged in' });
    expect(started.fake.server!.requests.at(-1)).toMatchObject({
      method: 'GET',
      url: '/app/status',
      headers: { 'x-device-id': 'cvt-main' },
    });
    started.fake.state = 'connected';
    expect(await port.session()).toEqual({ ready: false, detail: expect.stringContaining('scan the QR code') });
    started.fake.state = 'disconnected';
    expect(await port.session()).toEqual({ ready: false, detail: expect.stringContaining('disconnected and not logged in') });
  });

  it('is not ready when the credentials are refused, the device is ambiguous, or nothing answers', async () => {
    const started = await startGowaFake({
      devices: [
        { id: 'a', jid: '50670000000@s.whatsapp.net' },
        { id: 'b', jid: '50670000001@s.whatsapp.net' },
      ],
      deviceIdInEnv: false,
    });
    closers.push(started.close);
    expect(await adapter({ ...started.env, GOWA_PASSWORD: 'wrong' }).session()).toEqual({
      ready: false,
      detail: 'gowa refused the credentials (HTTP 401): check GOWA_USERNAME and GOWA_PASSWORD',
    });
    expect(await adapter(started.env).session()).toEqual({ ready: false, detail: expect.stringContaining('HTTP 400: DEVICE_ID_REQUIRED') });
    expect(await adapter({ GOWA_BASE_URL: await closedPortUrl() }).session()).toMatchObject({
      ready: false,
      detail: expect.stringContaining('unreachable'),
    });
  });

  it('points at the base URL when the gateway has no /app/status there', async () => {
    const server = await startScriptedServer({ status: 404, body: 'Cannot GET /app/status' });
    closers.push(server.close);
    expect(await adapter({ GOWA_BASE_URL: server.url }).session()).toEqual({
      ready: false,
      detail: expect.stringContaining('check GOWA_BASE_URL'),
    });
  });
});
