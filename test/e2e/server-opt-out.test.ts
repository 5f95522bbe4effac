import { afterEach, describe, expect, it } from 'vitest';
import type { InboundCallback } from '../../src/application/ports/receipt-source.port.ts';
import type { AcceptedMessage } from '../contract/messaging.contract.ts';
import { startBotmakerFake } from '../support/fakes/botmaker.fake.ts';
import { startCloudApiFake } from '../support/fakes/cloudapi.fake.ts';
import { startGowaFake } from '../support/fakes/gowa.fake.ts';
import { startWaapiFake } from '../support/fakes/waapi.fake.ts';
import { CLIENT_ID, json, putClient } from '../support/server-api.ts';
import { eventually, startServer, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const CONTACT = '50688888888';
const OPTED_OUT = 'Listo: ya no recibirá alertas de CVT por WhatsApp. Escriba ALTA para volver a recibirlas.';
const OPTED_IN = 'Listo: volverá a recibir las alertas de CVT por WhatsApp. Escriba BAJA para dejar de recibirlas.';

interface OptOutProvider {
  readonly id: string;
  start(): Promise<{
    env: Record<string, string>;
    /** The contact writes `text` (the provider's own inbound webhook). */
    inbound(text: string): InboundCallback;
    /** Alerts the provider took (templates or text), not counting replies. */
    alerts(): AcceptedMessage[];
    /** Free-text confirmations the contact received. */
    confirmations(): string[];
    close(): Promise<void>;
  }>;
}

type Started = Awaited<ReturnType<OptOutProvider['start']>>;

/**
 * A provider that answers a contact with free text: its confirmations ("Listo: …") arrive among the
 * messages it accepted, beside the alerts.
 */
function freeTextConfirmations(
  started: { env: Record<string, string>; fake: { accepted(): AcceptedMessage[] }; close(): Promise<unknown> },
  inbound: Started['inbound'],
  env: Record<string, string> = {},
): Started {
  const isConfirmation = (message: AcceptedMessage) => message.text?.startsWith('Listo:') === true;
  return {
    env: { ...started.env, ...env },
    inbound,
    alerts: () => started.fake.accepted().filter((message) => !isConfirmation(message)),
    confirmations: () =>
      started.fake
        .accepted()
        .filter(isConfirmation)
        .map((message) => message.text!),
    close: async () => void (await started.close()),
  };
}

const PROVIDERS: OptOutProvider[] = [
  {
    id: 'gowa',
    async start() {
      const started = await startGowaFake();
      return freeTextConfirmations(started, (text) => started.fake.inbound(CONTACT, text));
    },
  },
  {
    id: 'waapi',
    async start() {
      const started = await startWaapiFake();
      return freeTextConfirmations(started, (text) => started.fake.inbound(CONTACT, text));
    },
  },
  {
    id: 'botmaker',
    async start() {
      const started = await startBotmakerFake();
      return {
        env: started.env,
        inbound: (text) => started.fake.inbound(CONTACT, text),
        alerts: () => started.fake.accepted(),
        confirmations: () => started.fake.replies().map((message) => message.text!),
        close: () => started.close(),
      };
    },
  },
  {
    id: 'cloudapi',
    async start() {
      const started = await startCloudApiFake();
      return freeTextConfirmations(started, (text) => started.fake.inbound(`+${CONTACT}`, { text }), { CLOUDAPI_PAIR_INTERVAL_MS: '0' });
    },
  },
];

async function post(running: RunningServer, provider: string, callback: InboundCallback): Promise<Response> {
  const query = new URLSearchParams(Object.entries(callback.query).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const headers = Object.fromEntries(Object.entries(callback.headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return running.request(`/webhooks/${provider}?${query.toString()}`, { method: 'POST', headers, body: Buffer.from(callback.rawBody) });
}

async function offlineAlert(running: RunningServer, nota: string): Promise<void> {
  const note = [{ nota, titulo: `Nota ${nota}`, cliente: CLIENT_ID, correo: `${CONTACT}@c.us`, onesignalDevices: [] }];
  expect((await running.admin('/api/queues/offline-alerts', { method: 'POST', body: JSON.stringify(note) })).status).toBe(202);
}

async function deliveryStatus(running: RunningServer, nota: string): Promise<string | undefined> {
  const items = (await json(await running.admin('/api/deliveries?limit=50')))['items'] as { eventKey: string; status: string }[];
  return items.find((item) => item.eventKey === nota)?.status;
}

/**
 * Waits until the ledger shows the delivery of `nota` as `status`: the provider takes a message before the
 * service records the answer, so a fake's count can run ahead of the ledger.
 */
async function statusReached(running: RunningServer, nota: string, status: string): Promise<string> {
  return eventually(async () => ((await deliveryStatus(running, nota)) === status ? status : undefined), 10_000, `${nota} ${status}`);
}

describe('a contact who writes BAJA receives nothing more until ALTA (issue 13 §2)', () => {
  for (const provider of PROVIDERS) {
    it(`through ${provider.id}: "Baja " → one confirmation → the next alert suppressed; "alta" → the one after sent`, async () => {
      const fake = await provider.start();
      cleanups.push(() => fake.close());
      const prefix = provider.id.toUpperCase();
      const running = await startServer(tempDir(), {
        WHATSAPP_PROVIDER: provider.id,
        ...fake.env,
        [`${prefix}_MIN_INTERVAL_MS`]: '0',
        [`${prefix}_JITTER_MS`]: '0',
        WHATSAPP_RECIPIENT_SPACING_MS: '0',
      });
      cleanups.push(() => running.stop());
      await putClient(running, CLIENT_ID, [`${CONTACT}@c.us`]);

      expect((await post(running, provider.id, fake.inbound('Baja '))).status).toBe(200);
      await eventually(async () => (fake.confirmations().length === 1 ? true : undefined), 10_000, 'the opt-out confirmation');
      // A webhook delivered again, or a second BAJA, changes nothing and confirms nothing.
      expect((await post(running, provider.id, fake.inbound('BAJA'))).status).toBe(200);
      const suppressions = (await json(await running.admin('/api/suppressions')))['items'] as Record<string, unknown>[];
      expect(suppressions).toEqual([{ phone: '+506****8888', since: expect.any(String), source: 'inbound', provider: provider.id }]);

      await offlineAlert(running, 'n-1');
      expect(await statusReached(running, 'n-1', 'suppressed')).toBe('suppressed');
      expect(fake.alerts()).toEqual([]);
      expect(fake.confirmations()).toEqual([OPTED_OUT]);

      expect((await post(running, provider.id, fake.inbound('alta'))).status).toBe(200);
      await eventually(async () => (fake.confirmations().length === 2 ? true : undefined), 10_000, 'the opt-in confirmation');
      expect(fake.confirmations()).toEqual([OPTED_OUT, OPTED_IN]);
      expect((await json(await running.admin('/api/suppressions')))['items']).toEqual([]);
      await offlineAlert(running, 'n-2');
      await eventually(async () => (fake.alerts().length === 1 ? true : undefined), 10_000, 'the alert after ALTA');
      expect(fake.alerts()[0]!.to).toBe(`+${CONTACT}`);
      expect(await statusReached(running, 'n-2', 'sent')).toBe('sent');
      expect(await deliveryStatus(running, 'n-1')).toBe('suppressed');
    });
  }

  it('through waapi: our own messages echoed back as message_create never count; the contact\u2019s, posted as both events, count once', async () => {
    const started = await startWaapiFake();
    cleanups.push(() => started.close());
    const running = await startServer(tempDir(), {
      WHATSAPP_PROVIDER: 'waapi',
      ...started.env,
      WAAPI_MIN_INTERVAL_MS: '0',
      WAAPI_JITTER_MS: '0',
      WHATSAPP_RECIPIENT_SPACING_MS: '0',
    });
    cleanups.push(() => running.stop());
    await putClient(running, CLIENT_ID, [`${CONTACT}@c.us`]);
    const confirmations = () => started.fake.accepted().filter((message) => message.text?.startsWith('Listo:') === true);

    // Someone at CVT writes BAJA into the contact's chat from the business phone: Waapi echoes it, fromMe.
    expect((await post(running, 'waapi', started.fake.inbound(CONTACT, 'BAJA', { fromMe: true }))).status).toBe(200);
    expect((await post(running, 'waapi', started.fake.inbound(CONTACT, 'BAJA', { event: 'message', fromMe: true }))).status).toBe(200);
    expect((await json(await running.admin('/api/suppressions')))['items']).toEqual([]);
    await offlineAlert(running, 'n-1');
    await statusReached(running, 'n-1', 'sent');

    // The contact's BAJA reaches us twice when both events are subscribed: one opt-out, one confirmation.
    expect((await post(running, 'waapi', started.fake.inbound(CONTACT, 'BAJA', { event: 'message' }))).status).toBe(200);
    expect((await post(running, 'waapi', started.fake.inbound(CONTACT, 'BAJA', { event: 'message_create' }))).status).toBe(200);
    await eventually(async () => (confirmations().length === 1 ? true : undefined), 10_000, 'the opt-out confirmation');
    expect((await json(await running.admin('/api/suppressions')))['items']).toEqual([
      { phone: '+506****8888', since: expect.any(String), source: 'inbound', provider: 'waapi' },
    ]);

    // Our confirmation echoed back, and an ALTA typed on the business phone, leave the contact opted out.
    expect((await post(running, 'waapi', started.fake.inbound(CONTACT, confirmations()[0]!.text!, { fromMe: true }))).status).toBe(200);
    expect((await post(running, 'waapi', started.fake.inbound(CONTACT, 'ALTA', { fromMe: true }))).status).toBe(200);
    await offlineAlert(running, 'n-2');
    expect(await statusReached(running, 'n-2', 'suppressed')).toBe('suppressed');
    expect((await json(await running.admin('/api/suppressions')))['items']).toHaveLength(1);
    expect(confirmations()).toHaveLength(1);
    expect(started.fake.accepted().filter((message) => message.text?.startsWith('Listo:') !== true)).toHaveLength(1);
    // A webhook without the token is refused and changes nothing.
    expect((await post(running, 'waapi', started.fake.inbound(CONTACT, 'ALTA', { secretOk: false }))).status).toBe(401);
    expect((await json(await running.admin('/api/suppressions')))['items']).toHaveLength(1);
  });

  it('through cloudapi: WhatsApp\u2019s marketing stop (user_preferences, error 131050) suppresses the number; resume lifts only that', async () => {
    const started = await startCloudApiFake();
    cleanups.push(() => started.close());
    const running = await startServer(tempDir(), {
      WHATSAPP_PROVIDER: 'cloudapi',
      ...started.env,
      CLOUDAPI_PAIR_INTERVAL_MS: '0',
      CLOUDAPI_MIN_INTERVAL_MS: '0',
      CLOUDAPI_JITTER_MS: '0',
      WHATSAPP_RECIPIENT_SPACING_MS: '0',
    });
    cleanups.push(() => running.stop());
    await putClient(running, CLIENT_ID, [`${CONTACT}@c.us`]);
    const suppressions = async () => (await json(await running.admin('/api/suppressions')))['items'];

    expect((await post(running, 'cloudapi', started.fake.userPreference(CONTACT, 'stop'))).status).toBe(200);
    await eventually(async () => ((await suppressions()) as unknown[]).length === 1 || undefined, 10_000, 'the marketing stop');
    expect(await suppressions()).toEqual([
      { phone: '+506****8888', since: expect.any(String), source: 'marketing-stop', provider: 'cloudapi' },
    ]);
    await offlineAlert(running, 'n-1');
    expect(await statusReached(running, 'n-1', 'suppressed')).toBe('suppressed');
    // The contact wrote nothing to us: no confirmation, nothing sent.
    expect(started.fake.accepted()).toEqual([]);

    expect((await post(running, 'cloudapi', started.fake.userPreference(CONTACT, 'resume'))).status).toBe(200);
    await eventually(async () => ((await suppressions()) as unknown[]).length === 0 || undefined, 10_000, 'the resume');

    // A send refused with 131050 fails with Meta's code and words, and suppresses the number for what follows.
    started.fake.failCode(131050);
    await offlineAlert(running, 'n-2');
    await statusReached(running, 'n-2', 'failed');
    const failed = ((await json(await running.admin('/api/deliveries?limit=50')))['items'] as Record<string, unknown>[]).find(
      (item) => item['eventKey'] === 'n-2',
    );
    expect(failed?.['lastError']).toContain('131050');
    expect(await suppressions()).toEqual([
      { phone: '+506****8888', since: expect.any(String), source: 'marketing-stop', provider: 'cloudapi' },
    ]);
    await offlineAlert(running, 'n-3');
    expect(await statusReached(running, 'n-3', 'suppressed')).toBe('suppressed');

    // "resume" never lifts the contact's own BAJA.
    expect((await post(running, 'cloudapi', started.fake.userPreference(CONTACT, 'resume'))).status).toBe(200);
    expect((await post(running, 'cloudapi', started.fake.inbound(`+${CONTACT}`, { text: 'BAJA' }))).status).toBe(200);
    await eventually(
      async () => (((await suppressions()) as Record<string, unknown>[])[0]?.['source'] === 'inbound' ? true : undefined),
      10_000,
      'the BAJA',
    );
    expect((await post(running, 'cloudapi', started.fake.userPreference(CONTACT, 'resume'))).status).toBe(200);
    expect(await suppressions()).toEqual([{ phone: '+506****8888', since: expect.any(String), source: 'inbound', provider: 'cloudapi' }]);
  });

  it('never takes our own message echoed back by the gateway for an opt-out, and operators manage the list', async () => {
    const started = await startGowaFake();
    cleanups.push(() => started.close());
    const running = await startServer(tempDir(), {
      WHATSAPP_PROVIDER: 'gowa',
      ...started.env,
      GOWA_MIN_INTERVAL_MS: '0',
      GOWA_JITTER_MS: '0',
    });
    cleanups.push(() => running.stop());
    expect((await post(running, 'gowa', started.fake.inbound(CONTACT, 'BAJA', { fromMe: true }))).status).toBe(200);
    expect((await json(await running.admin('/api/suppressions')))['items']).toEqual([]);

    expect((await running.admin('/api/suppressions/8888-7777', { method: 'PUT' })).status).toBe(201);
    expect((await running.admin('/api/suppressions/+50688887777', { method: 'PUT' })).status).toBe(200);
    expect((await json(await running.admin('/api/suppressions')))['items']).toEqual([
      { phone: '+506****7777', since: expect.any(String), source: 'operator', provider: null },
    ]);
    expect((await running.admin('/api/suppressions/abc', { method: 'PUT' })).status).toBe(400);
    expect((await running.request('/api/suppressions')).status).toBe(401);
    expect((await running.admin('/api/suppressions/50688887777', { method: 'DELETE' })).status).toBe(204);
    expect((await running.admin('/api/suppressions/50688887777', { method: 'DELETE' })).status).toBe(404);
    expect(started.fake.accepted()).toEqual([]);
  });
});
