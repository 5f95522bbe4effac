import { createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundCallback } from '../../src/application/ports/receipt-source.port.ts';
import type { AcceptedMessage, ProviderFake } from '../contract/messaging.contract.ts';
import { startBotmakerFake } from '../support/fakes/botmaker.fake.ts';
import { startChattonicFake } from '../support/fakes/chattonic.fake.ts';
import { startCloudApiFake } from '../support/fakes/cloudapi.fake.ts';
import { startCliengoFake } from '../support/fakes/cliengo.fake.ts';
import { startGowaFake } from '../support/fakes/gowa.fake.ts';
import { ONESIGNAL_DEVICES, startOneSignalFake } from '../support/fakes/onesignal.fake.ts';
import { startWaapiFake } from '../support/fakes/waapi.fake.ts';
import { startLoopbackServer } from '../support/loopback-server.ts';
import { meltwaterNewsletterHtml } from '../support/meltwater-newsletter.ts';
import { CLIENT_ID, DISTRIBUTION_ID, json, putClient, whenLedgerSettled } from '../support/server-api.ts';
import { eventually, startServer, WEBHOOK_TOKEN, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface StartedFake {
  readonly env: Readonly<Record<string, string>>;
  readonly fake: ProviderFake;
  close(): Promise<void>;
}

const PROVIDERS: { id: string; kind: 'free-text' | 'template'; start: () => Promise<StartedFake> }[] = [
  { id: 'waapi', kind: 'free-text', start: () => startWaapiFake() },
  { id: 'gowa', kind: 'free-text', start: () => startGowaFake() },
  { id: 'cliengo', kind: 'template', start: () => startCliengoFake() },
  { id: 'chattonic', kind: 'template', start: () => startChattonicFake() },
  { id: 'botmaker', kind: 'template', start: () => startBotmakerFake() },
  // Meta's pair rate (one message to a person every 6 s) is a pace setting of its own.
  { id: 'cloudapi', kind: 'template', start: async () => withEnv(await startCloudApiFake(), { CLOUDAPI_PAIR_INTERVAL_MS: '0' }) },
];

function withEnv(fake: StartedFake, env: Readonly<Record<string, string>>): StartedFake {
  return { ...fake, env: { ...fake.env, ...env }, close: () => fake.close() };
}

/** Only the provider's pace is changed: tests should not wait a second per message. */
const unpaced = (id: string) => ({
  [`${id.toUpperCase()}_MIN_INTERVAL_MS`]: '0',
  [`${id.toUpperCase()}_JITTER_MS`]: '0',
  WHATSAPP_RECIPIENT_SPACING_MS: '0',
});

async function started<T extends { close(): Promise<void> }>(thing: Promise<T>): Promise<T> {
  const value = await thing;
  cleanups.push(() => value.close());
  return value;
}

async function meltwater(): Promise<string> {
  const items = [
    {
      headline: 'Presidente firma decreto de emergencia vial',
      url: 'https://www.nacion.com/decreto/',
      source: 'La Nación',
      date: '21 nov 2026',
    },
  ];
  const server = await started(
    startLoopbackServer((_request, response) =>
      response.end(meltwaterNewsletterHtml({ title: 'Resumen', items, token: 'a'.repeat(24), sentAt: new Date() })),
    ),
  );
  return `${server.url}/nl/{distributionId}/html`;
}

async function server(dataDir: string, env: Record<string, string>): Promise<RunningServer> {
  const running = await startServer(dataDir, env);
  cleanups.push(() => running.stop());
  return running;
}

/** Drives the four jobs through HTTP exactly as CVT's systems would. */
async function runTheFourJobs(running: RunningServer, dataDir: string): Promise<void> {
  await putClient(running, CLIENT_ID, ['50688888888@c.us', '50677777777@c.us', `${DISTRIBUTION_ID}@meltwater.com`]);
  const alert = {
    id: 'mw-1',
    title: 'Ministerio anuncia nueva ruta',
    authorName: 'La Nación',
    links: { article: 'https://www.nacion.com/ruta' },
  };
  expect(
    (await running.request(`/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, { method: 'POST', body: JSON.stringify(alert) })).status,
  ).toBe(202);
  expect(await json(await running.admin('/api/reports/run', { method: 'POST' }))).toMatchObject({ sent: 1, failed: [] });
  mkdirSync(join(dataDir, 'reports/informes'), { recursive: true });
  writeFileSync(join(dataDir, 'reports/informes/abc123.html'), '<div class="notasDirectas"><p>Nota</p></div>');
  const report = { destinatarios: ['50688888888@c.us', 'ana@example.com'], idEnvio: 'abc123', subject: 'Informe matutino' };
  expect((await running.admin('/api/queues/offline-reports', { method: 'POST', body: JSON.stringify(report) })).status).toBe(202);
  const note = [{ nota: 'n-1', titulo: 'Título de la nota', cliente: CLIENT_ID, correo: '50677777777@c.us', onesignalDevices: [] }];
  expect((await running.admin('/api/queues/offline-alerts', { method: 'POST', body: JSON.stringify(note) })).status).toBe(202);
}

const EXPECTED_TEXTS = [
  '*Alerta de noticia*\n\nMinisterio anuncia nueva ruta\nFuente: La Nación\n\nhttps://www.nacion.com/ruta',
  `*Informe de noticias*\n\nResumen\n\nhttps://media.controles.co.cr/informesmw/${DISTRIBUTION_ID}.html`,
  'Informe matutino\n\nhttps://media.controles.co.cr/informes/abc123.html',
  '*Alerta de noticia*\n\nTítulo de la nota\n\nhttps://app.controles.co.cr/?shared=1&id=n-1',
];

function summary(messages: readonly AcceptedMessage[]): string[] {
  return messages
    .map((message) => `${message.to} ${message.text ?? `${message.template!.name}(${message.template!.parameters.join(' | ')})`}`)
    .sort();
}

function providerMessageIds(dataDir: string): string[] {
  const db = new DatabaseSync(join(dataDir, 'cvt-whatsapp.db'), { readOnly: true });
  try {
    return (
      db.prepare('SELECT provider_message_id AS id FROM deliveries WHERE provider_message_id IS NOT NULL ORDER BY created_at').all() as {
        id: string;
      }[]
    ).map((row) => row.id);
  } finally {
    db.close();
  }
}

/** The same callback with another body, signed again where the provider signs its bodies (gowa, Cloud API). */
function withBody(callback: InboundCallback, body: string, env: Readonly<Record<string, string>>): InboundCallback {
  const secret = env['GOWA_WEBHOOK_SECRET'] ?? env['CLOUDAPI_APP_SECRET'];
  const headers = { ...callback.headers };
  if (secret !== undefined) headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return { ...callback, headers, rawBody: Buffer.from(body) };
}

async function postCallback(running: RunningServer, provider: string, callback: InboundCallback): Promise<Response> {
  const query = new URLSearchParams(Object.entries(callback.query).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const headers = Object.fromEntries(Object.entries(callback.headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return running.request(`/webhooks/${provider}?${query.toString()}`, { method: 'POST', headers, body: Buffer.from(callback.rawBody) });
}

describe('the server sending through each WhatsApp provider (issue 3)', () => {
  for (const provider of PROVIDERS) {
    it(`delivers each of the four jobs through ${provider.id}${provider.kind === 'template' ? ' as templates' : ''}`, async () => {
      const fake = await started(provider.start());
      const dataDir = tempDir();
      const running = await server(dataDir, {
        WHATSAPP_PROVIDER: provider.id,
        ...fake.env,
        ...unpaced(provider.id),
        MELTWATER_NEWSLETTER_URL: await meltwater(),
      });

      await runTheFourJobs(running, dataDir);

      const accepted = await eventually(
        async () => (fake.fake.accepted().length >= 6 ? fake.fake.accepted() : undefined),
        15_000,
        `6 messages at ${provider.id}`,
      );
      const whatsapp = (await whenLedgerSettled(running, '', 15_000)).filter((delivery) => delivery.recipient.startsWith('+'));
      expect(whatsapp).toHaveLength(6);
      expect(fake.fake.accepted()).toHaveLength(6);
      if (provider.kind === 'free-text') {
        expect(summary(accepted)).toEqual(
          [
            `+50677777777 ${EXPECTED_TEXTS[0]}`,
            `+50688888888 ${EXPECTED_TEXTS[0]}`,
            `+50677777777 ${EXPECTED_TEXTS[1]}`,
            `+50688888888 ${EXPECTED_TEXTS[1]}`,
            `+50688888888 ${EXPECTED_TEXTS[2]}`,
            `+50677777777 ${EXPECTED_TEXTS[3]}`,
          ].sort(),
        );
      } else {
        expect(new Set(accepted.map((message) => message.template!.name))).toEqual(
          new Set(['alerta_meltwater', 'informe_meltwater', 'informe_offline', 'alerta_noticia']),
        );
        expect(accepted.find((message) => message.template!.name === 'alerta_noticia')!.template!.parameters).toEqual([
          'Título de la nota',
          'https://app.controles.co.cr/?shared=1&id=n-1',
        ]);
      }
      const deliveries = (await json(await running.admin('/api/deliveries?limit=20')))['items'] as { status: string; provider: string }[];
      expect(deliveries.map((delivery) => `${delivery.status} ${delivery.provider}`)).toEqual(Array(6).fill(`sent ${provider.id}`));
      expect((await json(await running.request('/readyz')))['checks']).toMatchObject({ provider: { ok: true } });

      if (fake.fake.receipt !== undefined) {
        const [firstId] = providerMessageIds(dataDir);
        expect(await json(await postCallback(running, provider.id, fake.fake.receipt(firstId!, 'read', true)))).toEqual({
          received: 1,
          matched: 1,
        });
        expect((await postCallback(running, provider.id, fake.fake.receipt(firstId!, 'read', false))).status).toBe(401);
        const garbage = await postCallback(
          running,
          provider.id,
          withBody(fake.fake.receipt(firstId!, 'read', true), '{"event": "something else"', fake.env),
        );
        expect(garbage.status).toBeLessThan(300);
        const statuses = ((await json(await running.admin('/api/deliveries?limit=20')))['items'] as { status: string }[]).map(
          (delivery) => delivery.status,
        );
        expect(statuses.filter((status) => status === 'read')).toHaveLength(1);
      }
    });
  }

  it('hands messages to the fallback provider while the primary keeps failing, and records who sent them', async () => {
    const waapi = await started(startWaapiFake());
    const gowa = await started(startGowaFake());
    waapi.fake.fail('server_error', 1_000);
    const running = await server(tempDir(), {
      WHATSAPP_PROVIDER: 'waapi',
      WHATSAPP_FALLBACK_PROVIDER: 'gowa',
      ...waapi.env,
      ...gowa.env,
      ...unpaced('waapi'),
      ...unpaced('gowa'),
    });
    await putClient(running, CLIENT_ID, ['50688888888@c.us']);
    await running.request(`/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, {
      method: 'POST',
      body: JSON.stringify({ id: 'm1', title: 'Noticia urgente del día' }),
    });

    await eventually(async () => (gowa.fake.accepted().length === 1 ? true : undefined), 10_000, 'the fallback to send');
    expect(waapi.fake.accepted()).toHaveLength(0);
    // The provider took it before the service heard back and recorded it: the ledger is read once it has.
    const delivery = await eventually(
      async () => {
        const [item] = (await json(await running.admin('/api/deliveries')))['items'] as { status: string; provider: string }[];
        return item !== undefined && item.status !== 'queued' && item.status !== 'sending' ? item : undefined;
      },
      10_000,
      'the send to be recorded',
    );
    expect(delivery).toMatchObject({ status: 'sent', provider: 'gowa' });
  });

  it('sends a client\u2019s messages through the provider chosen for it', async () => {
    const waapi = await started(startWaapiFake());
    const gowa = await started(startGowaFake());
    const running = await server(tempDir(), {
      WHATSAPP_PROVIDER: 'waapi',
      WHATSAPP_CLIENT_PROVIDERS: JSON.stringify({ [CLIENT_ID]: 'gowa' }),
      ...waapi.env,
      ...gowa.env,
      ...unpaced('waapi'),
      ...unpaced('gowa'),
    });
    await putClient(running, CLIENT_ID, ['50688888888@c.us']);
    await putClient(running, '5792a7288ac8f35b0aa93bef', ['50677777777@c.us']);
    const refused = await running.admin(`/api/clients/${CLIENT_ID}`, {
      method: 'PUT',
      body: JSON.stringify({ users: ['50688888888@c.us'], provider: 'botmaker' }),
    });
    expect(await refused.json()).toMatchObject({ error: 'invalid_body', message: expect.stringContaining('botmaker is not configured') });
    for (const client of [CLIENT_ID, '5792a7288ac8f35b0aa93bef']) {
      await running.request(`/api/mw/whatsapp/${client}?token=${WEBHOOK_TOKEN}`, {
        method: 'POST',
        body: JSON.stringify({ id: 'm1', title: 'Noticia para cada cliente' }),
      });
    }
    await eventually(
      async () => (gowa.fake.accepted().length + waapi.fake.accepted().length === 2 ? true : undefined),
      10_000,
      'two sends',
    );
    expect(gowa.fake.accepted().map((message) => message.to)).toEqual(['+50688888888']);
    expect(waapi.fake.accepted().map((message) => message.to)).toEqual(['+50677777777']);
  });

  it('reports a logged-out WhatsApp session as not ready', async () => {
    const waapi = await started(startWaapiFake());
    waapi.fake.instanceStatus = 'qr';
    const running = await server(tempDir(), { WHATSAPP_PROVIDER: 'waapi', ...waapi.env });
    const ready = await running.request('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, checks: { provider: { ok: false, detail: expect.stringContaining('qr') } } });
  });

  it('refuses to start a template provider with a job that has no template', async () => {
    const cliengo = await started(startCliengoFake());
    const templates = JSON.parse(cliengo.env['CLIENGO_TEMPLATES']!) as Record<string, unknown>;
    delete templates['offline-alert'];
    await expect(
      startServer(tempDir(), { WHATSAPP_PROVIDER: 'cliengo', ...cliengo.env, CLIENGO_TEMPLATES: JSON.stringify(templates) }),
    ).rejects.toThrow(/CLIENGO_TEMPLATES: offline-alert: no template configured/u);
  });

  it('pushes offline alerts to the app devices through OneSignal, once per note and device', async () => {
    const onesignal = await started(startOneSignalFake());
    const running = await server(tempDir(), { ...onesignal.env });
    const device = ONESIGNAL_DEVICES.subscribed;
    const note = [{ nota: 'n-9', titulo: 'Título de la nota', cliente: CLIENT_ID, correo: 'ana@example.com', onesignalDevices: [device] }];
    for (let repeat = 0; repeat < 2; repeat++)
      await running.admin('/api/queues/offline-alerts', { method: 'POST', body: JSON.stringify(note) });
    await eventually(async () => (onesignal.fake.accepted().length === 1 ? true : undefined), 10_000, 'one push');
    // Both queue messages handled: one delivery in the ledger, already sent, so no second push to come.
    expect(await whenLedgerSettled(running, 'job=offline-alert')).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
    expect(onesignal.fake.accepted()).toEqual([
      expect.objectContaining({
        deviceId: device,
        heading: 'Alerta de noticia',
        content: 'Título de la nota',
        targetUrl: `https://app.controles.co.cr/admin/noticia/${CLIENT_ID}/n-9/`,
      }),
    ]);
  });
});
