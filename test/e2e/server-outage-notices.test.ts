import { afterEach, describe, expect, it } from 'vitest';
import { startOutageWaapi, type OutageWaapi } from '../faults/support/outage-proxy.ts';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.ts';
import { CLIENT_ID, json, putClient } from '../support/server-api.ts';
import { eventually, startServer, WEBHOOK_TOKEN, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
let server: RunningServer | undefined;
let provider: OutageWaapi | undefined;
let chat: LoopbackServer | undefined;
afterEach(async () => {
  await server?.stop();
  await provider?.close();
  await chat?.close();
  server = provider = chat = undefined;
});

describe('operator notices of a provider outage (issue 10 §6), end to end', () => {
  it('posts the outage notice once while the provider is stopped, and the recovery notice once when it is started again', async () => {
    provider = await startOutageWaapi();
    chat = await startLoopbackServer((_request, response) => response.end('ok'));
    const notices = () => chat!.requests.map((request) => (JSON.parse(request.body) as { text: string }).text);
    server = await startServer(tempDir(), {
      ...provider.env,
      OPS_WEBHOOK_URL: `${chat.url}/hooks/ops`,
      OPS_NOTIFY_AFTER_SECONDS: '1',
      DISPATCH_MAX_ATTEMPTS: '3',
      DISPATCH_RETRY_BASE_MS: '200',
      DISPATCH_RETRY_MAX_MS: '500',
      DISPATCH_PROBE_MAX_MS: '1000',
      WHATSAPP_BREAKER_HALF_OPEN_MS: '1000',
    });
    await putClient(server, CLIENT_ID, ['50688888888@c.us', '50677777777@c.us']);

    // The provider stops: nobody listens on its port.
    await provider.setPhase('refuse');
    for (const id of ['m1', 'm2', 'm3']) {
      await server.request(`/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, {
        method: 'POST',
        body: JSON.stringify({ id, title: `Noticia ${id}` }),
      });
    }
    await eventually(async () => (notices().length >= 1 ? true : undefined), 30_000, 'the outage notice');
    // Long past the grace period and several probes: still one notice for this outage, and nothing given up.
    const probesBefore = server.output.filter((line) => line.includes('provider still unavailable')).length;
    await eventually(
      async () =>
        server!.output.filter((line) => line.includes('provider still unavailable')).length >= probesBefore + 3 ? true : undefined,
      30_000,
      'three more looks at the stopped provider',
    );
    const [down, ...others] = notices();
    expect(others).toEqual([]);
    expect(down).toMatch(/^⚠️ cvt-whatsapp: el proveedor de WhatsApp waapi no está disponible desde hace /u);
    expect(down).toContain('ECONNREFUSED');
    // How many were parked when the notice went out depends on how far the retries got: one to all six.
    const waiting = Number(/(\d+) entregas? en espera/u.exec(down!)?.[1]);
    expect(waiting).toBeGreaterThanOrEqual(1);
    expect(waiting).toBeLessThanOrEqual(6);
    expect(down).toContain('escanee de nuevo el código QR');
    const items = (await json(await server.admin('/api/deliveries?limit=50')))['items'] as { status: string }[];
    expect(items.filter((item) => item.status === 'failed')).toEqual([]);

    // The provider starts again: every message goes out once, and one recovery notice follows.
    await provider.setPhase(null);
    await eventually(
      async () => {
        const all = (await json(await server!.admin('/api/deliveries?limit=50')))['items'] as { status: string }[];
        return all.length === 6 && all.every((item) => item.status === 'sent') ? true : undefined;
      },
      30_000,
      'the six deliveries sent',
    );
    await eventually(async () => (notices().length === 2 ? true : undefined), 30_000, 'the recovery notice');
    expect(notices()[1]).toMatch(
      /^✅ cvt-whatsapp: el proveedor de WhatsApp waapi volvió a responder tras .+ sin servicio\. Enviando ahora /u,
    );
    expect([...new Set(provider.received())].sort()).toEqual(['+50677777777', '+50688888888']);
    expect(notices().join('\n')).not.toMatch(/50688888888|50677777777/u);
  });
});
