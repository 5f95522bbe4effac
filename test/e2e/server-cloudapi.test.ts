import { afterEach, describe, expect, it } from 'vitest';
import type { InboundCallback } from '../../src/application/ports/receipt-source.port.ts';
import { startCloudApiFake } from '../support/fakes/cloudapi.fake.ts';
import { CLIENT_ID, json, putClient } from '../support/server-api.ts';
import { eventually, startServer, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const CONTACTS = ['50688888888', '50677777777', '50666666666'];

async function cloudapiServer(env: Record<string, string> = {}) {
  const started = await startCloudApiFake();
  cleanups.push(() => started.close());
  const running = await startServer(tempDir(), {
    WHATSAPP_PROVIDER: 'cloudapi',
    ...started.env,
    CLOUDAPI_PAIR_INTERVAL_MS: '0',
    WHATSAPP_RECIPIENT_SPACING_MS: '0',
    ...env,
  });
  cleanups.push(() => running.stop());
  return { fake: started.fake, env: started.env, running };
}

async function post(running: RunningServer, callback: InboundCallback): Promise<Response> {
  const headers = Object.fromEntries(Object.entries(callback.headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return running.request('/webhooks/cloudapi', { method: 'POST', headers, body: Buffer.from(callback.rawBody) });
}

async function alertEveryone(running: RunningServer, nota: string, contacts = CONTACTS): Promise<void> {
  const notes = contacts.map((contact) => ({
    nota,
    titulo: `Nota ${nota}`,
    cliente: CLIENT_ID,
    correo: `${contact}@c.us`,
    onesignalDevices: [],
  }));
  expect((await running.admin('/api/queues/offline-alerts', { method: 'POST', body: JSON.stringify(notes) })).status).toBe(202);
}

async function deliveries(
  running: RunningServer,
): Promise<{ eventKey: string; recipient: string; status: string; lastError: string | null }[]> {
  return (await json(await running.admin('/api/deliveries?limit=50')))['items'] as never;
}

describe('the server on Meta\u2019s Cloud API (issue 13 §1)', () => {
  it('answers Meta\u2019s verification challenge as plain text, only with the verify token', async () => {
    const { running, env } = await cloudapiServer();
    const ok = await running.request(
      `/webhooks/cloudapi?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${env['CLOUDAPI_VERIFY_TOKEN']}`,
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/u);
    expect(await ok.text()).toBe('1158201444');
    expect((await running.request('/webhooks/cloudapi?hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong')).status).toBe(403);
    expect((await running.request('/webhooks/cloudapi?hub.challenge=1')).status).toBe(403);
  });

  it('moves deliveries by wamid, never backwards, whatever the order and repeats; a failed status keeps its reason', async () => {
    const { running, fake } = await cloudapiServer();
    await putClient(
      running,
      CLIENT_ID,
      CONTACTS.map((contact) => `${contact}@c.us`),
    );
    await alertEveryone(running, 'n-1');
    await eventually(async () => (fake.accepted().length === 3 ? true : undefined), 10_000, 'three alerts');
    await eventually(async () => ((await deliveries(running)).every((item) => item.status === 'sent') ? true : undefined));
    // The wamids Meta handed out, by recipient (the admin API masks phones, not wamids).
    const byWamid = new Map(fake.wamids().map((wamid) => [fake.recipientOf(wamid), wamid]));
    const [a, b, c] = CONTACTS.map((contact) => byWamid.get(`+${contact}`));

    // read before delivered, each sent twice; one message failed later; one read with no delivered at all.
    const batch = fake.statuses([
      { id: a!, status: 'read' },
      { id: a!, status: 'delivered' },
      { id: a!, status: 'read' },
      { id: b!, status: 'failed', errorCode: 131049 },
      { id: b!, status: 'delivered' },
      { id: c!, status: 'sent' },
      { id: c!, status: 'delivered' },
      { id: c!, status: 'delivered' },
    ]);
    expect(await json(await post(running, batch))).toEqual({ received: 7, matched: 4 });
    expect((await post(running, batch)).status).toBe(200);
    expect((await post(running, fake.statuses([{ id: a!, status: 'delivered' }], false))).status).toBe(401);

    const byContact = Object.fromEntries((await deliveries(running)).map((item) => [item.recipient, item]));
    expect(byContact['+506****8888']).toMatchObject({ status: 'read' });
    // Another device's "delivered" after Meta's failure: it arrived after all.
    expect(byContact['+506****7777']).toMatchObject({ status: 'delivered', lastError: expect.stringContaining('131049') });
    expect(byContact['+506****6666']).toMatchObject({ status: 'delivered' });
  });

  it('sends free text to a contact who wrote in the last 24 h and the template to the others', async () => {
    const { running, fake } = await cloudapiServer();
    await putClient(
      running,
      CLIENT_ID,
      CONTACTS.map((contact) => `${contact}@c.us`),
    );
    expect((await post(running, fake.inbound(`+${CONTACTS[0]}`, { text: 'Hola, gracias' }))).status).toBe(200);
    await alertEveryone(running, 'n-1');
    await eventually(async () => (fake.accepted().length === 3 ? true : undefined), 10_000, 'three alerts');
    const byRecipient = Object.fromEntries(fake.accepted().map((message) => [message.to, message]));
    expect(byRecipient[`+${CONTACTS[0]}`]).toEqual({
      to: `+${CONTACTS[0]}`,
      text: '*Alerta de noticia*\n\nNota n-1\n\nhttps://app.controles.co.cr/?shared=1&id=n-1',
    });
    expect(byRecipient[`+${CONTACTS[1]}`]!.template).toEqual({
      name: 'alerta_noticia',
      parameters: ['Nota n-1', 'https://app.controles.co.cr/?shared=1&id=n-1'],
    });
    expect(fake.strays()).toEqual([]);
  });

  it('holds a job whose template Meta paused and tells the operators; an expired token stops sending and shows not ready', async () => {
    const { running, fake } = await cloudapiServer({ DISPATCH_RETRY_BASE_MS: '200', DISPATCH_RETRY_MAX_MS: '400' });
    await putClient(running, CLIENT_ID, [`${CONTACTS[0]}@c.us`]);
    expect((await post(running, fake.templateStatus('alerta_noticia', 'PAUSED'))).status).toBe(200);
    await eventually(
      async () => (running.output.some((line) => line.includes('template status changed') && line.includes('PAUSED')) ? true : undefined),
      10_000,
      'the template status log line',
    );
    await alertEveryone(running, 'n-1', CONTACTS.slice(0, 1));
    const waiting = await eventually(async () => {
      const item = (await deliveries(running)).find((delivery) => delivery.lastError !== null);
      return item;
    });
    expect(waiting).toMatchObject({ status: expect.stringMatching(/^(queued|sending)$/u), lastError: expect.stringContaining('PAUSED') });
    expect(fake.calls()).toBe(0);
    // Approved again: the next alert goes out at once (those held wait out Meta's pause, 15 min, before their retry).
    expect((await post(running, fake.templateStatus('alerta_noticia', 'APPROVED'))).status).toBe(200);
    await alertEveryone(running, 'n-2', CONTACTS.slice(0, 1));
    await eventually(async () => (fake.accepted().length === 1 ? true : undefined), 10_000, 'the alert once approved');

    fake.failCode(190);
    await alertEveryone(running, 'n-3', CONTACTS.slice(0, 1));
    const ready = await eventually(async () => {
      const answer = await running.request('/readyz');
      return answer.status === 503 ? answer : undefined;
    });
    expect(await ready.json()).toMatchObject({ checks: { provider: { ok: false, detail: expect.stringContaining('190') } } });
    const stopped = await eventually(async () =>
      (await deliveries(running)).find((delivery) => delivery.eventKey === 'n-3' && delivery.lastError !== null),
    );
    expect(stopped).toMatchObject({
      status: expect.stringMatching(/^(queued|sending)$/u),
      lastError: expect.stringContaining('not_ready'),
    });
    await eventually(
      async () => (running.output.some((line) => line.includes('cloudapi stopped sending')) ? true : undefined),
      10_000,
      'the stop log line',
    );
  });
});
