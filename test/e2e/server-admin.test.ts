import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_ID, json, putClient, whenLedgerSettled } from '../support/server-api.ts';
import { ADMIN_TOKEN, startServer, WEBHOOK_TOKEN, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('admin API and operations, end to end (docs/contracts/product.md §6, §7)', () => {
  it('replaces a client\u2019s users and answers the documented shape, masked, with rejected users', async () => {
    server = await startServer(tempDir());
    const response = await putClient(server, CLIENT_ID, [
      '50688888888@c.us',
      '6734a46da330314a4cd0c3da@meltwater.com',
      'ana@example.com',
      '5068@c.us',
    ]);
    expect(response.status).toBe(200);
    const expected = {
      id: CLIENT_ID,
      name: 'Cliente Temporal',
      contacts: [{ phone: '+506****8888' }],
      meltwaterDistributionIds: ['6734a46da330314a4cd0c3da'],
      rejected: [{ value: '5068@c.us', reason: expect.stringContaining('too short') }],
    };
    expect(await response.json()).toEqual(expected);
    expect(await json(await server.admin(`/api/clients/${CLIENT_ID}`))).toEqual(expected);
    expect(await json(await server.admin('/api/clients'))).toEqual({ items: [expected] });

    await putClient(server, CLIENT_ID, ['50677777777@c.us']);
    expect(await json(await server.admin(`/api/clients/${CLIENT_ID.toUpperCase()}`))).toMatchObject({
      contacts: [{ phone: '+506****7777' }],
      meltwaterDistributionIds: [],
    });
  });

  it('answers bad admin requests with the documented errors', async () => {
    server = await startServer(tempDir());
    const cases: [Promise<Response>, number, string][] = [
      [server.request('/api/clients'), 401, 'unauthorized'],
      [server.request('/api/deliveries', { headers: { authorization: 'Bearer wrong-token-0123456789' } }), 401, 'unauthorized'],
      [server.request('/api/outbox', { headers: { authorization: `Basic ${ADMIN_TOKEN}` } }), 401, 'unauthorized'],
      [server.admin('/api/clients/123'), 400, 'invalid_client_id'],
      [server.admin(`/api/clients/${CLIENT_ID}`), 404, 'client_not_found'],
      [server.admin(`/api/clients/${CLIENT_ID}`, { method: 'PUT', body: '{"users": "50688888888@c.us"}' }), 400, 'invalid_body'],
      [server.admin(`/api/clients/${CLIENT_ID}`, { method: 'PUT', body: 'nope' }), 400, 'invalid_body'],
      [server.admin('/api/deliveries?status=lost'), 400, 'invalid_query'],
      [server.admin('/api/deliveries?limit=0'), 400, 'invalid_query'],
      [server.admin('/api/deliveries?job=email'), 400, 'invalid_query'],
      [server.admin('/api/queues/other'), 404, 'not_found'],
      [server.request('/nothing-here'), 404, 'not_found'],
    ];
    for (const [pending, status, error] of cases) {
      const response = await pending;
      expect({ status: response.status, body: await response.json() }).toEqual({ status, body: { error, message: expect.any(String) } });
    }
    const missingPage = await server.request('/informes/nope.html');
    expect(missingPage.status).toBe(404);
    expect(missingPage.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('lists deliveries newest first with their status, filtered, and keeps phone numbers masked', async () => {
    server = await startServer(tempDir());
    await putClient(server, CLIENT_ID, ['50688888888@c.us']);
    for (const id of ['m1', 'm2']) {
      await server.request(`/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, {
        method: 'POST',
        body: JSON.stringify({ id, title: `Noticia ${id}` }),
      });
    }
    const { items } = (await json(await server.admin(`/api/deliveries?clientId=${CLIENT_ID}&limit=10`))) as {
      items: Record<string, unknown>[];
    };
    expect(items.map((item) => item['eventKey'])).toEqual(['id:m2', 'id:m1']);
    expect(Object.keys(items[0]!).sort()).toEqual(
      [
        'attempts',
        'clientId',
        'createdAt',
        'eventKey',
        'id',
        'job',
        'lastError',
        'provider',
        'providerMessageId',
        'recipient',
        'status',
        'updatedAt',
      ].sort(),
    );
    expect(items[0]!['recipient']).toBe('+506****8888');
    expect(((await json(await server.admin('/api/deliveries?job=offline-alert')))['items'] as unknown[]).length).toBe(0);
  });

  it('reports health, readiness and Prometheus metrics', async () => {
    server = await startServer(tempDir());
    expect(await json(await server.request('/healthz'))).toEqual({ status: 'ok' });
    const ready = await server.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      checks: {
        store: { ok: true, detail: expect.any(String) },
        'store-write': { ok: true, detail: 'writable' },
        provider: { ok: true, detail: expect.any(String) },
      },
    });
    const metrics = await (await server.request('/metrics')).text();
    expect(metrics).toContain('cvt_http_requests_total');
    expect(metrics).toContain('cvt_queue_messages{queue="offline-reports"} 0');
  });

  it('writes JSON log lines without a phone number or a token in clear', async () => {
    server = await startServer(tempDir());
    await putClient(server, CLIENT_ID, ['50688888888@c.us', '5068888888@c.us']);
    await server.request(`/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, {
      method: 'POST',
      body: JSON.stringify({ id: 'm1', title: 'Noticia' }),
    });
    await server.admin('/api/queues/offline-alerts', {
      method: 'POST',
      body: JSON.stringify([{ nota: 'n', titulo: 't', correo: '50677777777@c.us' }]),
    });
    await whenLedgerSettled(server);
    await server.stop();
    const lines = server.output.filter((line) => line.startsWith('{'));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(() => JSON.parse(line)).not.toThrow();
      expect(line).not.toMatch(/88888888|77777777|5068888888/u);
      expect(line).not.toContain(WEBHOOK_TOKEN);
      expect(line).not.toContain(ADMIN_TOKEN);
    }
    server = undefined;
  });
});
