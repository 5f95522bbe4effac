import { afterEach, describe, expect, it } from 'vitest';
import { chattonicConfigSchema } from '../../../../src/adapters/chattonic/chattonic.config.ts';
import { ChattonicMessaging } from '../../../../src/adapters/chattonic/chattonic.messaging.adapter.ts';
import type { ProviderMessage } from '../../../../src/application/ports/messaging.port.ts';
import { CONTRACT_TEMPLATES, contractMessage } from '../../../contract/messaging.contract.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { startChattonicFake, type ChattonicFakeOptions } from '../../../support/fakes/chattonic.fake.ts';
import { RaisedAlerts } from '../../../support/raised-alerts.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function chattonic(env: Record<string, string> = {}, options: ChattonicFakeOptions = {}) {
  const started = await startChattonicFake(options);
  closers.push(started.close);
  const settings = chattonicConfigSchema.parse({ ...started.env, ...env });
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const alerts = new RaisedAlerts();
  return { ...started, port: new ChattonicMessaging(settings, { timeoutMs: 1_000, clock, logger, alerts }), clock, logger, alerts };
}

const alert = (to: string, titulo = 'Título') =>
  contractMessage({ to, variables: { titulo, link: 'https://app.controles.co.cr/?shared=1&id=n1' } });
const recipients = (count: number) => Array.from({ length: count }, (_, index) => alert(`+5068800000${index}`));

describe('ChattonicMessaging.send', () => {
  it('posts sendhsm as docs/contracts/providers/chattonic.md shows: +E.164 id, namespace, elementName, ordered parameters, our delivery id as flag', async () => {
    const { port, fake } = await chattonic();
    const message = alert('+5491112345678');
    expect(await port.send(message)).toEqual({ ok: true, value: { provider: 'chattonic', providerMessageId: null } });
    expect(fake.hsms()).toEqual([
      {
        id: '+5491112345678',
        hsm: { namespace: '', elementName: 'alerta_noticia', parameters: ['Título', 'https://app.controles.co.cr/?shared=1&id=n1'] },
        flag: message.deliveryId,
      },
    ]);
  });

  it('uses CHATTONIC_NAMESPACE, unless the template has its own', async () => {
    const templates = { ...CONTRACT_TEMPLATES, 'offline-report': { ...CONTRACT_TEMPLATES['offline-report'], namespace: 'ns_informes' } };
    const { port, fake } = await chattonic(
      { CHATTONIC_NAMESPACE: 'ns_cvt', CHATTONIC_TEMPLATES: JSON.stringify(templates), CHATTONIC_PLATFORM: 'whatsapp-movile' },
      { platform: 'whatsapp-movile' },
    );
    await port.send(alert('+50688888888'));
    await port.send(contractMessage({ job: 'offline-report', variables: { subject: 'Informe', link: 'https://m.cr/i.html' } }));
    expect(fake.hsms().map((hsm) => hsm.hsm.namespace)).toEqual(['ns_cvt', 'ns_informes']);
  });

  it('asserts the users\u2019 consent on GupShup only, as it must there', async () => {
    const { port, fake } = await chattonic({ CHATTONIC_PLATFORM: 'whatsapp-gupshup' }, { platform: 'whatsapp-gupshup' });
    expect((await port.send(alert('+50688888888'))).ok).toBe(true);
    expect(fake.hsms()[0]!.agreeHSMConsent).toBe(true);
  });

  it('reads the message id when the answer has one', async () => {
    const { port, fake } = await chattonic();
    fake.answerNext({ status: 200, body: '{"_id":"64f0c2"}' });
    expect(await port.send(alert('+50688888888'))).toEqual({ ok: true, value: { provider: 'chattonic', providerMessageId: '64f0c2' } });
  });

  it('refuses a wrong account or token', async () => {
    const account = await chattonic({ CHATTONIC_ACCOUNT_ID: 'otra-cuenta' });
    expect(await account.port.send(alert('+50688888888'))).toMatchObject({
      ok: false,
      error: { kind: 'rejected', retryable: false, message: expect.stringContaining('CHATTONIC_ACCOUNT_ID') },
    });
    const token = await chattonic({ CHATTONIC_TOKEN: 'wrong-token-0123456789' });
    expect(await token.port.send(alert('+50688888888'))).toMatchObject({
      ok: false,
      error: { kind: 'unauthorized', retryable: false, provider: 'chattonic' },
    });
  });

  it('never shows the token, even when an answer echoes it', async () => {
    const { port, fake } = await chattonic();
    fake.answerNext({ status: 401, body: JSON.stringify({ message: `invalid token ${fake.secrets[0]}` }) });
    expect(await port.send(alert('+50688888888'))).toMatchObject({
      ok: false,
      error: { kind: 'unauthorized', message: 'Chat-Tonic sendhsm answered HTTP 401: invalid token [redacted] (check CHATTONIC_TOKEN)' },
    });
  });

  it('reads Retry-After as an HTTP date too', async () => {
    const { port, fake, clock } = await chattonic();
    fake.answerNext({ status: 429, body: '', headers: { 'retry-after': new Date(clock.now().getTime() + 30_000).toUTCString() } });
    expect(await port.send(alert('+50688888888'))).toMatchObject({ ok: false, error: { kind: 'rate_limited', retryAfterMs: 30_000 } });
  });

  it('is retryable when Chat-Tonic cannot be reached', async () => {
    const { port, close } = await chattonic();
    await close();
    expect(await port.send(alert('+50688888888'))).toMatchObject({ ok: false, error: { kind: 'unavailable', retryable: true } });
  });

  it('keeps a single sendhsm whose answer was lost retryable: one message, retried later by the ledger', async () => {
    const { port, fake, alerts } = await chattonic();
    fake.loseNextAnswer('late');
    expect(await port.send(alert('+50688888888'))).toMatchObject({ ok: false, error: { kind: 'timeout', retryable: true } });
    fake.loseNextAnswer('dropped');
    expect(await port.send(alert('+50688888888'))).toMatchObject({ ok: false, error: { kind: 'unavailable', retryable: true } });
    expect(alerts.events).toEqual([]);
  });

  it('is always ready: Chat-Tonic has no session API', async () => {
    const { port } = await chattonic();
    expect(await port.session()).toEqual({ ready: true, detail: expect.stringContaining('no session') });
  });
});

describe('ChattonicMessaging.sendMany (docs/contracts/providers/chattonic.md, "Envío de una campaña de HSMs")', () => {
  it('uploads one campaign from CHATTONIC_CAMPAIGN_MIN recipients: a JSON file in field upload, named after the job and first delivery', async () => {
    const { port, fake } = await chattonic();
    const messages = [...recipients(4), alert('+14155550123', '  ')];
    const results = await port.sendMany(messages);
    expect(results).toEqual(messages.map(() => ({ ok: true, value: { provider: 'chattonic', providerMessageId: null } })));
    expect(fake.callsTo('sendhsm')).toBe(0);
    expect(fake.campaigns()).toEqual([
      {
        fileName: `cvt-offline-alert-${messages[0]!.deliveryId}.json`,
        fileType: 'application/json',
        query: { platform: 'whatsapp-infobip', accountId: 'cvt-wa-01' },
        fields: {},
        entries: messages.map((message, index) => ({
          phone: message.to,
          namespace: '',
          elementName: 'alerta_noticia',
          languageCode: 'es',
          languagePolicy: 'DETERMINISTIC',
          flag: message.deliveryId,
          parameters: [index === 4 ? '-' : 'Título', 'https://app.controles.co.cr/?shared=1&id=n1'],
        })),
      },
    ]);
    expect(fake.accepted().map((accepted) => accepted.to)).toEqual(messages.map((message) => message.to));
  });

  it('gives every recipient the campaign id when the answer has one', async () => {
    const { port, fake } = await chattonic();
    fake.answerNext({ status: 201, body: '{"campaignId":"c-77"}' });
    const results = await port.sendMany(recipients(5));
    expect(results.map((result) => result.ok && result.value.providerMessageId)).toEqual(['c-77', 'c-77', 'c-77', 'c-77', 'c-77']);
  });

  it('fails every recipient the same way when the one upload fails', async () => {
    const { port, fake } = await chattonic();
    fake.fail('server_error');
    const passing = await port.sendMany(recipients(5));
    expect(new Set(passing.map((result) => JSON.stringify(result)))).toEqual(
      new Set([
        JSON.stringify({
          ok: false,
          error: {
            kind: 'unavailable',
            retryable: true,
            message: 'Chat-Tonic campaign upload answered HTTP 500: Internal server error',
            provider: 'chattonic',
          },
        }),
      ]),
    );
    fake.answerNext({ status: 400, body: '{"message":"Invalid file"}' });
    const refused = await port.sendMany(recipients(6));
    expect(refused).toHaveLength(6);
    for (const result of refused)
      expect(result).toMatchObject({
        ok: false,
        error: { kind: 'rejected', retryable: false, message: 'Chat-Tonic campaign upload answered HTTP 400: Invalid file' },
      });
    expect(fake.accepted()).toEqual([]);
  });

  it('sends one by one below the threshold', async () => {
    const { port, fake } = await chattonic();
    const results = await port.sendMany(recipients(4));
    expect(results.every((result) => result.ok)).toBe(true);
    expect([fake.callsTo('sendhsm'), fake.callsTo('campaign')]).toEqual([4, 0]);
  });

  it('follows CHATTONIC_CAMPAIGN_MIN', async () => {
    const { port, fake } = await chattonic({ CHATTONIC_CAMPAIGN_MIN: '2' });
    await port.sendMany(recipients(2));
    expect([fake.callsTo('sendhsm'), fake.callsTo('campaign')]).toEqual([0, 1]);
  });

  it('never mixes templates in one campaign: messages of several jobs go one by one', async () => {
    const { port, fake } = await chattonic();
    const report = contractMessage({ job: 'offline-report', variables: { subject: 'Informe', link: 'https://m.cr/i.html' } });
    const messages: ProviderMessage[] = [...recipients(4), report];
    expect((await port.sendMany(messages)).every((result) => result.ok)).toBe(true);
    expect([fake.callsTo('sendhsm'), fake.callsTo('campaign')]).toEqual([5, 0]);
  });

  it('asserts consent for a GupShup campaign', async () => {
    const { port, fake } = await chattonic({ CHATTONIC_PLATFORM: 'whatsapp-gupshup' }, { platform: 'whatsapp-gupshup' });
    expect((await port.sendMany(recipients(5))).every((result) => result.ok)).toBe(true);
    expect(fake.campaigns()[0]).toMatchObject({
      query: { platform: 'whatsapp-gupshup', accountId: 'cvt-wa-01', agreeHSMConsent: 'true' },
      fields: { agreeHSMConsent: 'true' },
    });
  });

  it('logs the campaign by name and size, never the recipients', async () => {
    const { port, logger } = await chattonic();
    const messages = recipients(5);
    await port.sendMany(messages);
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'info',
        message: 'chattonic campaign uploaded',
        fields: { campaign: `cvt-offline-alert-${messages[0]!.deliveryId}.json`, recipients: 5, campaignId: null },
      }),
    ]);
  });

  for (const how of ['late', 'dropped'] as const) {
    it(`never retries a campaign upload whose answer was lost (${how}): every delivery fails, operators hear of it`, async () => {
      const { port, fake, alerts, clock } = await chattonic();
      fake.loseNextAnswer(how);
      const messages = recipients(5);
      const results = await port.sendMany(messages);
      expect(results).toHaveLength(5);
      for (const result of results)
        expect(result).toMatchObject({
          ok: false,
          error: {
            retryable: false,
            provider: 'chattonic',
            message: expect.stringContaining("answer lost; check Chat-Tonic's campaign history before resending"),
          },
        });
      expect(fake.callsTo('campaign')).toBe(1);
      expect(fake.accepted()).toHaveLength(5);
      expect(alerts.events).toEqual([
        {
          kind: 'answer-lost',
          provider: 'chattonic',
          job: 'offline-alert',
          recipients: 5,
          reference: `cvt-offline-alert-${messages[0]!.deliveryId}.json`,
          at: clock.now(),
        },
      ]);
    });
  }

  it('still retries a campaign upload that never reached Chat-Tonic', async () => {
    const { port, close, alerts } = await chattonic();
    await close();
    const results = await port.sendMany(recipients(5));
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { kind: 'unavailable', retryable: true } });
    expect(alerts.events).toEqual([]);
  });
});
