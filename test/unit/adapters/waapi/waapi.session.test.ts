import { SystemClock } from '../../../../src/adapters/in-process/system-clock.adapter.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { waapiConfigSchema } from '../../../../src/adapters/waapi/waapi.config.ts';
import { WaapiMessaging } from '../../../../src/adapters/waapi/waapi.messaging.adapter.ts';
import { startWaapiFake, type WaapiInstanceStatus } from '../../../support/fakes/waapi.fake.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';
import { closedPortUrl, startScriptedServer, type ScriptedAnswer } from '../../../support/scripted-server.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});
const adapter = (env: Record<string, string>) =>
  new WaapiMessaging(waapiConfigSchema.parse({ WAAPI_TOKEN: 'token-0123456789', WAAPI_INSTANCE_ID: '60123', ...env }), {
    timeoutMs: 1_000,
    clock: new SystemClock(),
    logger: new MemoryLogger(),
  });

async function sessionAgainst(answer: ScriptedAnswer) {
  const server = await startScriptedServer(answer);
  closers.push(server.close);
  return adapter({ WAAPI_BASE_URL: server.url }).session();
}

describe('WaapiMessaging.session', () => {
  it('is ready only when the instance is ready, and says what to do otherwise', async () => {
    const started = await startWaapiFake();
    closers.push(started.close);
    const port = adapter(started.env);
    expect(await port.session()).toEqual({ ready: true, detail: 'waapi instance 60123 is ready' });
    expect(started.fake.server!.requests.at(-1)).toMatchObject({ method: 'GET', url: '/api/v1/instances/60123/client/status' });
    const hints: [WaapiInstanceStatus, RegExp][] = [
      ['qr', /is qr: scan the QR code/u],
      ['disconnected', /is disconnected: the session dropped/u],
      ['auth_failure', /is auth_failure: the QR login failed/u],
      ['booting', /is booting/u],
      ['loading_screen', /is loading_screen/u],
      ['authenticated', /is authenticated/u],
    ];
    for (const [state, detail] of hints) {
      started.fake.instanceStatus = state;
      expect(await port.session()).toEqual({ ready: false, detail: expect.stringMatching(detail) });
    }
  });

  it('reads a state word in clientStatus.status too', async () => {
    expect(await sessionAgainst({ status: 200, body: { clientStatus: { status: 'ready' }, status: 'success' } })).toMatchObject({
      ready: true,
    });
    expect(await sessionAgainst({ status: 200, body: { clientStatus: { instanceStatus: 'constructor' } } })).toEqual({
      ready: false,
      detail: 'waapi instance 60123 is constructor: not ready to send',
    });
    expect(await sessionAgainst({ status: 200, body: { clientStatus: { status: 'success' }, status: 'success' } })).toEqual({
      ready: false,
      detail: 'waapi did not report the instance state',
    });
  });

  it('is not ready when Waapi refuses the token, does not know the instance, fails or cannot be reached', async () => {
    const started = await startWaapiFake();
    closers.push(started.close);
    expect(await adapter({ ...started.env, WAAPI_TOKEN: 'wrong-token' }).session()).toEqual({
      ready: false,
      detail: 'waapi refused the token (HTTP 401)',
    });
    expect(await adapter({ ...started.env, WAAPI_INSTANCE_ID: '7' }).session()).toMatchObject({
      ready: false,
      detail: expect.stringContaining('instance 7 does not exist'),
    });
    expect(await sessionAgainst({ status: 200, body: { status: 'error', message: 'instance not ready' } })).toMatchObject({ ready: false });
    expect(await sessionAgainst({ status: 503, body: '<html>down</html>' })).toEqual({
      ready: false,
      detail: 'waapi answered HTTP 503 to the status check',
    });
    expect(await adapter({ WAAPI_BASE_URL: await closedPortUrl() }).session()).toMatchObject({
      ready: false,
      detail: expect.stringContaining('unreachable'),
    });
  });
});
