import { err, ok } from '../../../../src/domain/shared/result.ts';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { cloudapiConfigSchema } from '../../../../src/adapters/cloudapi/cloudapi.config.ts';
import { createCloudapiProvider } from '../../../../src/adapters/cloudapi/cloudapi.provider.ts';
import { SystemClock } from '../../../../src/adapters/in-process/system-clock.adapter.ts';
import { SqliteConversationWindows } from '../../../../src/adapters/sqlite/sqlite.conversation-windows.adapter.ts';
import { openDatabase } from '../../../../src/adapters/sqlite/sqlite.database.ts';
import type { Clock } from '../../../../src/application/ports/clock.port.ts';
import type { OperatorEvent } from '../../../../src/application/ports/operator-alerts.port.ts';
import { contractMessage } from '../../../contract/messaging.contract.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { startCloudApiFake, type CloudApiFakeOptions } from '../../../support/fakes/cloudapi.fake.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const HOUR = 60 * 60 * 1000;
const TO = '+50688888888';

async function setup(options: CloudApiFakeOptions = {}, env: Record<string, string> = {}, clock: Clock = new SystemClock()) {
  const server = await startCloudApiFake(options);
  const db = openDatabase(':memory:');
  const windows = new SqliteConversationWindows(db);
  const events: OperatorEvent[] = [];
  const settings = cloudapiConfigSchema.parse({ ...server.env, ...env });
  const provider = createCloudapiProvider(settings, {
    timeoutMs: 1_000,
    clock,
    logger: new MemoryLogger(),
    windows,
    alerts: { raise: (event) => events.push(event) },
  });
  closers.push(async () => {
    db.close();
    await server.close();
  });
  return { ...provider, fake: server.fake, windows, events, settings };
}

describe('Cloud API: text inside the 24-hour window, the template outside it', () => {
  it('sends the job template to a contact who never wrote, with its language and positional parameters, to +E.164', async () => {
    const { messaging, fake } = await setup();
    expect((await messaging.send(contractMessage({ to: TO }))).ok).toBe(true);
    expect(fake.bodies()).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: TO,
        type: 'template',
        template: {
          name: 'alerta_noticia',
          language: { code: 'es' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Título de la nota' },
                { type: 'text', text: 'https://app.controles.co.cr/?shared=1&id=n1' },
              ],
            },
          ],
        },
      },
    ]);
    expect(fake.strays()).toEqual([]);
  });

  it('sends free text with a link preview while the contact wrote in the last 24 h, and the template after', async () => {
    const { messaging, fake, receipts, windows } = await setup();
    // The contact writes: Meta (the fake) opens its window, and the webhook tells us.
    expect(receipts.parseReceipts(fake.inbound(TO, { text: 'hola' }))).toMatchObject(ok({ inbound: [{ from: TO, text: 'hola' }] }));
    await windows.recordInbound(TO, new Date());
    const message = contractMessage({ to: TO });
    expect(await messaging.send(message)).toMatchObject({ ok: true, value: { providerMessageId: expect.stringMatching(/^wamid\./u) } });
    expect(fake.bodies().at(-1)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: TO,
      type: 'text',
      text: { preview_url: true, body: message.message.text },
    });
    const other = '+50677777777';
    await windows.recordInbound(other, new Date(Date.now() - 25 * HOUR));
    expect((await messaging.send(contractMessage({ to: other }))).ok).toBe(true);
    expect(fake.bodies().at(-1)).toMatchObject({ to: other, type: 'template' });
  });

  it('answers Meta’s 131047 (window closed after all) with the template, in the same send', async () => {
    const { messaging, fake, windows } = await setup();
    // We believe the window open; Meta (the fake) never saw the contact write.
    await windows.recordInbound(TO, new Date());
    const result = await messaging.send(contractMessage({ to: TO }));
    expect(result.ok).toBe(true);
    expect(fake.bodies().map((body) => body['type'])).toEqual(['text', 'template']);
    expect(fake.accepted()).toEqual([
      { to: TO, template: { name: 'alerta_noticia', parameters: ['Título de la nota', 'https://app.controles.co.cr/?shared=1&id=n1'] } },
    ]);
  });

  it('sends named parameters by parameter_name', async () => {
    const templates = {
      'meltwater-alert': { template: 'alerta_mw', language: 'es_CR', params: { titulo: 'titulo', enlace: 'link' } },
      'meltwater-newsletter': { template: 'boletin', language: 'es', params: { titulo: 'titulo', enlace: 'link' } },
      'offline-report': { template: 'informe', language: 'es', params: { asunto: 'subject', enlace: 'link' } },
      'offline-alert': { template: 'alerta_nombrada', language: 'es', params: { enlace: 'link', titulo: 'titulo' } },
    };
    const { messaging, fake } = await setup(
      { templates: { alerta_nombrada: { language: 'es', names: ['titulo', 'enlace'] } } },
      { CLOUDAPI_TEMPLATES: JSON.stringify(templates) },
    );
    expect((await messaging.send(contractMessage({ to: TO }))).ok).toBe(true);
    expect((fake.bodies()[0]!['template'] as { components: unknown }).components).toEqual([
      {
        type: 'body',
        parameters: [
          { type: 'text', parameter_name: 'enlace', text: 'https://app.controles.co.cr/?shared=1&id=n1' },
          { type: 'text', parameter_name: 'titulo', text: 'Título de la nota' },
        ],
      },
    ]);
    expect(fake.accepted()[0]!.template!.parameters).toEqual(['Título de la nota', 'https://app.controles.co.cr/?shared=1&id=n1']);
  });

  it('refuses templates that mix positional and named parameters at start', () => {
    const parsed = cloudapiConfigSchema.safeParse({
      CLOUDAPI_ACCESS_TOKEN: 'token-0123456789',
      CLOUDAPI_PHONE_NUMBER_ID: '106540352242922',
      CLOUDAPI_APP_SECRET: 'secret-0123456789',
      CLOUDAPI_VERIFY_TOKEN: 'verify-0123456789',
      CLOUDAPI_TEMPLATES: JSON.stringify({
        'meltwater-alert': { template: 'a', params: { 1: 'titulo', link: 'link' } },
        'meltwater-newsletter': { template: 'b' },
        'offline-report': { template: 'c' },
        'offline-alert': { template: 'd' },
      }),
    });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('meltwater-alert: parameters are either all positional');
  });
});

describe('Cloud API error codes', () => {
  it('retries throughput and pair-rate limits with Meta’s waits, never as a permanent failure', async () => {
    const { messaging, fake } = await setup({ pairRateMs: 60_000 });
    fake.failCode(130429);
    expect(await messaging.send(contractMessage({ to: TO }))).toMatchObject({
      ok: false,
      error: { kind: 'rate_limited', retryable: true },
    });
    expect((await messaging.send(contractMessage({ to: TO }))).ok).toBe(true);
    const paired = await messaging.send(contractMessage({ to: TO }));
    expect(paired).toMatchObject({ ok: false, error: { kind: 'rate_limited', retryable: true, retryAfterMs: 6_000 } });
    expect(paired.ok ? '' : paired.error.message).toContain('131056');
  });

  it('fails undeliverable, parameter and unknown-template errors for good, with the code and Meta’s words', async () => {
    const { messaging, fake } = await setup();
    for (const [code, kind] of [
      [131026, 'invalid_recipient'],
      [132000, 'template_rejected'],
      [132001, 'template_rejected'],
      [131051, 'rejected'],
    ] as const) {
      fake.failCode(code);
      const result = await messaging.send(contractMessage({ to: TO }));
      expect(result).toMatchObject({ ok: false, error: { kind, retryable: false } });
      expect(result.ok ? '' : result.error.message).toMatch(new RegExp(`^Cloud API error ${code}: `, 'u'));
    }
  });

  it('fails a send to a contact who stopped marketing messages (131050) for good, as an opt-out, with Meta’s words', async () => {
    const { messaging, fake } = await setup();
    fake.failCode(131050);
    const result = await messaging.send(contractMessage({ to: TO }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'opted_out', retryable: false } });
    expect(result.ok ? '' : result.error.message).toMatch(/^Cloud API error 131050: .*stop receiving marketing messages/u);
  });

  it('stops sending on an expired token or a restricted account and tells the operators once, without burning sends', async () => {
    for (const code of [190, 368, 131031]) {
      const { messaging, fake, events } = await setup();
      fake.failCode(code);
      const first = await messaging.send(contractMessage({ to: TO }));
      expect(first).toMatchObject({ ok: false, error: { kind: 'not_ready', retryable: true } });
      const calls = fake.calls();
      for (let send = 0; send < 5; send++)
        expect(await messaging.send(contractMessage({ to: TO }))).toMatchObject({ ok: false, error: { kind: 'not_ready' } });
      expect(fake.calls()).toBe(calls);
      expect(events).toEqual([
        {
          kind: 'provider-unavailable',
          provider: 'cloudapi',
          cause: expect.stringContaining(String(code)),
          since: expect.any(Date),
          waiting: 0,
        },
      ]);
      expect(await messaging.session()).toMatchObject({ ready: false });
      const serialised = JSON.stringify([first, events]);
      for (const secret of fake.secrets) expect(serialised).not.toContain(secret);
    }
  });

  it('holds a template Meta answered paused (132015) for a while, then tries it again', async () => {
    const clock = new FakeClock();
    const { messaging, fake } = await setup({}, {}, clock);
    fake.failCode(132015);
    expect(await messaging.send(contractMessage({ to: TO }))).toMatchObject({
      ok: false,
      error: { kind: 'rate_limited', retryable: true, retryAfterMs: 15 * 60_000 },
    });
    expect(await messaging.send(contractMessage({ to: TO }))).toMatchObject({ ok: false, error: { kind: 'rate_limited' } });
    expect(fake.calls()).toBe(1);
    clock.advance(15 * 60_000);
    expect((await messaging.send(contractMessage({ to: TO }))).ok).toBe(true);
    expect(fake.calls()).toBe(2);
  });

  it('reads a failure Meta reports only later, by webhook, as a failed receipt with the code', async () => {
    const { messaging, receipts, fake } = await setup();
    const sent = await messaging.send(contractMessage({ to: TO }));
    const wamid = sent.ok ? sent.value.providerMessageId! : '';
    expect(receipts.parseReceipts(fake.statuses([{ id: wamid, status: 'failed', errorCode: 131049 }]))).toEqual(
      ok({
        receipts: [{ status: 'failed', providerMessageId: wamid, error: expect.stringMatching(/^failed: Cloud API error 131049: /u) }],
      }),
    );
  });
});

describe('Cloud API webhooks', () => {
  it('answers the verification challenge only to the verify token', async () => {
    const { receipts, settings } = await setup();
    const query = { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': settings.CLOUDAPI_VERIFY_TOKEN };
    expect(receipts.verifySubscription!(query)).toEqual(ok('1158201444'));
    expect(receipts.verifySubscription!({ ...query, 'hub.verify_token': 'wrong' })).toEqual(err('refused'));
    expect(receipts.verifySubscription!({ ...query, 'hub.mode': 'unsubscribe' })).toEqual(err('refused'));
    expect(receipts.verifySubscription!({ 'hub.mode': 'subscribe', 'hub.verify_token': settings.CLOUDAPI_VERIFY_TOKEN })).toEqual(
      err('refused'),
    );
  });

  it('takes a POST only with the App Secret’s signature of the exact bytes', async () => {
    const { receipts, fake, settings } = await setup();
    const callback = fake.inbound(TO, { text: 'Baja ñ' });
    expect(receipts.parseReceipts(callback).ok).toBe(true);
    expect(receipts.parseReceipts(fake.inbound(TO, { text: 'Baja' }, false))).toEqual(err('unauthorized'));
    const tampered = Buffer.from(Buffer.from(callback.rawBody).toString('utf8').replace('Baja', 'Alta'));
    expect(receipts.parseReceipts({ ...callback, rawBody: tampered })).toEqual(err('unauthorized'));
    // The same JSON serialised again (no escaped unicode) is other bytes: its signature must be of those bytes.
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(Buffer.from(callback.rawBody).toString('utf8'))).replace('ñ', '\\u00f1'));
    expect(receipts.parseReceipts({ ...callback, rawBody: reserialised })).toEqual(err('unauthorized'));
    const signature = `sha256=${createHmac('sha256', settings.CLOUDAPI_APP_SECRET).update(reserialised).digest('hex')}`;
    expect(receipts.parseReceipts({ ...callback, headers: { 'X-Hub-Signature-256': signature }, rawBody: reserialised }).ok).toBe(true);
    expect(receipts.parseReceipts({ ...callback, headers: {} })).toEqual(err('unauthorized'));
  });

  it('reads a tapped quick-reply button by its payload and label', async () => {
    const { receipts, fake } = await setup();
    const parsed = receipts.parseReceipts(fake.inbound(TO, { button: { payload: 'BAJA', text: 'No recibir más' } }));
    expect(parsed).toMatchObject(
      ok({
        inbound: [
          { from: TO, text: 'BAJA' },
          { from: TO, text: 'No recibir más' },
        ],
      }),
    );
  });

  it('reads WhatsApp’s marketing stop and resume (user_preferences) and a failed status with 131050 as preferences', async () => {
    const { receipts, fake, messaging } = await setup();
    expect(receipts.parseReceipts(fake.userPreference(TO, 'stop'))).toMatchObject(
      ok({
        receipts: [],
        preferences: [{ from: TO, value: 'stop', signal: 'user_preferences stop' }],
      }),
    );
    expect(receipts.parseReceipts(fake.userPreference(TO, 'resume'))).toMatchObject(ok({ preferences: [{ from: TO, value: 'resume' }] }));
    const sent = await messaging.send(contractMessage({ to: TO }));
    const wamid = sent.ok ? sent.value.providerMessageId! : '';
    expect(receipts.parseReceipts(fake.statuses([{ id: wamid, status: 'failed', errorCode: 131050 }]))).toMatchObject(
      ok({
        receipts: [{ status: 'failed', providerMessageId: wamid, error: expect.stringContaining('131050') }],
        preferences: [{ from: TO, value: 'stop' }],
      }),
    );
    // Another failure says nothing about the contact's wishes.
    expect(receipts.parseReceipts(fake.statuses([{ id: wamid, status: 'failed', errorCode: 131049 }]))).not.toHaveProperty('preferences');
  });

  it('pauses a job whose template Meta paused, without calling Meta, until it is approved again', async () => {
    const { messaging, receipts, fake } = await setup();
    expect(receipts.parseReceipts(fake.templateStatus('alerta_noticia', 'PAUSED'))).toMatchObject(
      ok({
        templates: [{ template: 'alerta_noticia', event: 'PAUSED', jobs: ['offline-alert'] }],
      }),
    );
    const paused = await messaging.send(contractMessage({ to: TO }));
    expect(paused).toMatchObject({ ok: false, error: { kind: 'rate_limited', retryable: true } });
    expect(fake.calls()).toBe(0);
    expect(
      (await messaging.send(contractMessage({ to: TO, job: 'meltwater-alert', variables: { titulo: 't', link: 'l', fuente: 'f' } }))).ok,
    ).toBe(true);
    receipts.parseReceipts(fake.templateStatus('alerta_noticia', 'APPROVED'));
    expect((await messaging.send(contractMessage({ to: TO }))).ok).toBe(true);
  });
});
