import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_ID, json, ledger, outbox, outboxWhenSettled, putClient } from '../support/server-api.ts';
import { startServer, WEBHOOK_TOKEN, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const everyMention = {
  id: '1713459776000_K49ugt285FchyyIqJ15D85lyR5wA',
  type: 'Every Mention',
  title: 'Ministerio de Salud anuncia nueva campaña',
  text: 'El Ministerio de Salud anunció…',
  authorName: 'La Nación',
  source: 'CVT - Cliente Temporal',
  providerType: 'news',
  statusLine: '🔊 1.59M Reach — 😐 Neutral Sentiment',
  keywords: 'salud, campaña',
  links: {
    article:
      'https://t.notifications.meltwater.com/v2/x?m=webhook&u=https%253A%252F%252Fwww.nacion.com%252Fel-pais%252Fsalud%252Fcampana%252F',
  },
};

const post = (path: string, body: string | object, headers: Record<string, string> = {}) =>
  server!.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('Meltwater alert webhook, end to end (docs/contracts/product.md §1.1)', () => {
  it('answers 202 at once and sends each contact the alert with the real article link, once however often Meltwater calls', async () => {
    server = await startServer(tempDir());
    await putClient(server, CLIENT_ID, ['50688888888@c.us', '50677777777@c.us', 'ana@example.com']);

    const first = await post(`/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, everyMention);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ accepted: 1, queued: 2, duplicates: 0 });

    const repeat = await post(`/whatsapp/${CLIENT_ID}`, everyMention, { 'x-webhook-token': WEBHOOK_TOKEN });
    expect(await repeat.json()).toEqual({ accepted: 1, queued: 0, duplicates: 2 });

    const messages = await outboxWhenSettled(server, 2);
    expect(messages.map((message) => message.to).sort()).toEqual(['+50677777777', '+50688888888']);
    expect(messages[0]!.text).toBe(
      '*Alerta de noticia*\n\nMinisterio de Salud anuncia nueva campaña\nFuente: La Nación\nSentimiento: Neutral\n\nhttps://www.nacion.com/el-pais/salud/campana/',
    );
    const deliveries = await json(await server.admin(`/api/deliveries?clientId=${CLIENT_ID}&job=meltwater-alert`));
    expect(deliveries['items']).toEqual([
      expect.objectContaining({
        job: 'meltwater-alert',
        status: 'sent',
        provider: 'outbox',
        recipient: expect.stringMatching(/^\+506\*{4}\d{4}$/u),
        attempts: 1,
      }),
      expect.objectContaining({ job: 'meltwater-alert', status: 'sent' }),
    ]);
  });

  it('accepts a Data Streams batch signed with X-Hub-Signature', async () => {
    const secret = 'hook-secret-0123456789abcdef';
    server = await startServer(tempDir(), { MELTWATER_HOOK_SECRET: secret });
    await putClient(server, CLIENT_ID, ['50688888888@c.us']);
    const body = JSON.stringify({
      request: { company_id: '552e72ccbd555c1e62082adc', hook_id: 'h1', inputs: [] },
      documents: [
        {
          id: 'doc-1',
          url: 'https://www.crhoy.com/a',
          content: { title: 'Primera noticia del lote' },
          source: { name: 'CRHoy' },
          enrichments: { sentiment: 'positive' },
        },
        { id: 'doc-2', url: 'https://www.teletica.com/b', content: { title: 'Segunda noticia del lote' }, source: { name: 'Teletica' } },
      ],
    });
    const signature = `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
    const response = await post(`/api/mw/whatsapp/${CLIENT_ID}`, body, { 'x-hub-signature': signature });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 2, queued: 2, duplicates: 0 });
    const tampered = await post(`/api/mw/whatsapp/${CLIENT_ID}`, body.replace('Primera', 'Falsa'), { 'x-hub-signature': signature });
    expect(tampered.status).toBe(401);
    const messages = await outboxWhenSettled(server, 2);
    expect(messages.map((message) => message.text)).toContain(
      '*Alerta de noticia*\n\nPrimera noticia del lote\nFuente: CRHoy\nSentimiento: Positivo\n\nhttps://www.crhoy.com/a',
    );
  });

  it('answers every bad request with the documented error and sends nothing', async () => {
    server = await startServer(tempDir());
    await putClient(server, CLIENT_ID, ['50688888888@c.us']);
    await putClient(server, '5792a7288ac8f35b0aa93bef', ['ana@example.com']);
    const cases: [string, string | object, Record<string, string>, number, Record<string, unknown>][] = [
      ['/api/mw/whatsapp/not-an-id?token=' + WEBHOOK_TOKEN, everyMention, {}, 400, { error: 'invalid_client_id' }],
      [`/api/mw/whatsapp/${CLIENT_ID}`, everyMention, {}, 401, { error: 'unauthorized' }],
      [`/api/mw/whatsapp/${CLIENT_ID}?token=wrong-token-0123456789`, everyMention, {}, 401, { error: 'unauthorized' }],
      [`/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, '{"title": "unterminated', {}, 400, { error: 'invalid_body' }],
      [`/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, { foo: 'bar' }, {}, 400, { error: 'invalid_body' }],
      [`/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, '', {}, 400, { error: 'invalid_body' }],
      [`/api/mw/whatsapp/aaaaaaaaaaaaaaaaaaaaaaaa?token=${WEBHOOK_TOKEN}`, everyMention, {}, 404, { error: 'client_not_found' }],
      [
        `/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`,
        { title: 'x'.repeat(1024 * 1024 + 10) },
        {},
        413,
        { error: 'payload_too_large' },
      ],
    ];
    for (const [path, body, headers, status, expected] of cases) {
      const response = await post(path, body, headers);
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(await response.json()).toEqual({ ...expected, message: expect.any(String) });
    }
    const noContact = await post(`/api/mw/whatsapp/5792a7288ac8f35b0aa93bef?token=${WEBHOOK_TOKEN}`, everyMention);
    expect(noContact.status).toBe(202);
    expect(await noContact.json()).toEqual({ accepted: 1, queued: 0, duplicates: 0, warning: expect.any(String) });
    // Every request has been answered, and the intake records deliveries before answering: none, so none will be sent.
    expect(await ledger(server)).toEqual([]);
    expect(await outbox(server)).toEqual([]);
  });

  it('answers 429 with Retry-After once a client has used its allowance, without touching other clients or unauthenticated callers', async () => {
    server = await startServer(tempDir(), { WEBHOOK_RATE_LIMIT_PER_MINUTE: '3' });
    const otherClient = '5792a7288ac8f35b0aa93bef';
    await putClient(server, CLIENT_ID, ['50688888888@c.us']);
    await putClient(server, otherClient, ['50677777777@c.us']);
    const alert = (client: string, index: number) =>
      post(`/api/mw/whatsapp/${client}?token=${WEBHOOK_TOKEN}`, { ...everyMention, id: `mention-${index}`, title: `Noticia ${index}` });

    // Wrong tokens first: they must not use up the client's allowance.
    for (let index = 0; index < 5; index++)
      expect((await post(`/api/mw/whatsapp/${CLIENT_ID}?token=wrong`, everyMention)).status).toBe(401);
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push((await alert(CLIENT_ID, index)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const limited = await alert(CLIENT_ID, 9);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toEqual({ error: 'rate_limited', message: expect.any(String) });
    expect((await alert(otherClient, 1)).status).toBe(202);

    const messages = await outboxWhenSettled(server, 4);
    expect(messages.filter((message) => message.to === '+50688888888')).toHaveLength(3);
  });
});
