import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFauxqs, type Fauxqs } from '../support/fauxqs.ts';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.ts';
import { eventually, startServer, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
let server: RunningServer | undefined;
let fauxqs: Fauxqs | undefined;
const loopbacks: LoopbackServer[] = [];
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await fauxqs?.close();
  fauxqs = undefined;
  for (const loopback of loopbacks.splice(0)) await loopback.close();
});

/** A port nothing listens on: MongoDB is down during the whole run, so its driver has errors to log. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A server that quotes back everything it was sent (its URL and headers, credentials included) in a 500. */
async function startEcho(): Promise<LoopbackServer> {
  const echo = await startLoopbackServer((request, response, body) => {
    response.statusCode = 500;
    response.setHeader('content-type', 'text/plain');
    response.end(`refused ${request.method} ${request.url} ${JSON.stringify(request.headers)} ${body}`);
  });
  loopbacks.push(echo);
  return echo;
}

const MONGO_PASSWORD = 'mongo-pass-7c6b5a4d3e2f!';
const SECRETS = {
  ADMIN_TOKEN: 'admin-token-planted-0123456789',
  MELTWATER_WEBHOOK_TOKEN: 'webhook-token-planted-0123456789',
  AWS_ACCESS_KEY_ID: 'AKIAPLANTEDKEY0123456',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-planted-9f8e7d6c5b4a3',
  AWS_SESSION_TOKEN: 'aws-session-planted-1a2b3c4d5e6f',
  WAAPI_TOKEN: 'waapi-token-planted-0123456789abcdef',
  WAAPI_WEBHOOK_TOKEN: 'waapi-hook-planted-0123456789abcdef',
};

describe('secrets never reach a log line (issue 10 §7), end to end', () => {
  it('plants every secret-bearing setting, makes the server fail with each of them in play, and finds none in any line', async () => {
    fauxqs = await startFauxqs();
    const reports = await fauxqs.createQueue('whatsapp-informes', { maxReceiveCount: 5 });
    const alerts = await fauxqs.createQueue('notificaciones-controles', { maxReceiveCount: 5 });
    const provider = await startEcho();
    const chat = await startEcho();
    const hookUrl = `${chat.url}/services/T000/B000/ops-hook-secret-5f0e1d2c3b4a5968`;
    const mongoUri = `mongodb://cvt:${encodeURIComponent(MONGO_PASSWORD)}@127.0.0.1:${await closedPort()}/controles?serverSelectionTimeoutMS=300&connectTimeoutMS=300`;
    server = await startServer(
      tempDir(),
      {
        ...fauxqs.env,
        ...SECRETS,
        STORE: 'mongodb',
        MONGODB_URI: mongoUri,
        QUEUE: 'sqs',
        SQS_OFFLINE_REPORTS_URL: reports.url,
        SQS_OFFLINE_ALERTS_URL: alerts.url,
        WHATSAPP_PROVIDER: 'waapi',
        WAAPI_BASE_URL: `${provider.url}/api/v1`,
        WAAPI_INSTANCE_ID: '12345',
        OPS_WEBHOOK_URL: hookUrl,
        OPS_NOTIFY_RETRY_SECONDS: '1',
        QUEUE_MAX_RECEIVES: '1',
        LOG_LEVEL: 'debug',
      },
      { tokens: false },
    );
    const admin = (path: string, init: RequestInit = {}) =>
      server!.request(path, { ...init, headers: { authorization: `Bearer ${SECRETS.ADMIN_TOKEN}` } });

    // The provider quotes its token back, MongoDB refuses every connection, a dead letter makes the
    // notices post to the chat, which quotes its secret URL back.
    expect((await server.request('/readyz')).status).toBe(503);
    await admin('/api/queues/offline-alerts', {
      method: 'POST',
      body: JSON.stringify([{ nota: 'n1', titulo: 'T', cliente: '', correo: 'ana@example.com' }]),
    });
    await admin('/api/queues/offline-reports', {
      method: 'POST',
      body: JSON.stringify({ destinatarios: ['50688888888@c.us'], idEnvio: 'never-written', subject: 'S' }),
    });
    await server.request(`/api/mw/whatsapp/5792a7288ac8f35b0aa93bee?token=${SECRETS.MELTWATER_WEBHOOK_TOKEN}`, {
      method: 'POST',
      body: '{"id":"m1"}',
    });
    await server.request(`/webhooks/waapi?token=${SECRETS.WAAPI_WEBHOOK_TOKEN}`, { method: 'POST', body: '{}' });
    await eventually(async () => (chat.requests.length >= 2 ? true : undefined), 20_000, 'the chat to refuse a notice twice');
    await eventually(
      async () => (server!.output.some((line) => /MongoServerSelectionError|ECONNREFUSED/u.test(line)) ? true : undefined),
      20_000,
      'the MongoDB failure in the log',
    );
    expect(provider.requests.length + chat.requests.length).toBeGreaterThan(0);
    expect(server.output.some((line) => line.includes('[REDACTED]'))).toBe(true);

    const planted = [
      ...Object.values(SECRETS),
      MONGO_PASSWORD,
      encodeURIComponent(MONGO_PASSWORD),
      mongoUri,
      hookUrl,
      'ops-hook-secret-5f0e1d2c3b4a5968',
    ];
    const leaks = server.output.flatMap((line) =>
      planted.filter((secret) => line.includes(secret)).map((secret) => `${secret}: ${line.slice(0, 300)}`),
    );
    expect(leaks).toEqual([]);
  });
});
