import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { json, ledger, outbox, outboxWhenSettled } from '../support/server-api.ts';
import { eventually, startServer, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const MEDIA = 'https://media.controles.co.cr';
const APP = 'https://app.controles.co.cr';
const REPORT_SOURCE = `<html><head><title>Informe</title></head><body onload="x()">
<table><tr><td><img src="https://controles.co.cr/mail-header.png"> Informe enviado por correo</td></tr></table>
<div class="notasDirectas"><table><tr><td><a href="https://www.nacion.com/n1">Nota directa sobre el cliente</a> · La Nación</td></tr></table></div>
<div class="notasContexto"><p>Contexto del sector</p></div>
<script>document.write('x')</script></body></html>`;

async function queueDepth(running: RunningServer, queue: string): Promise<number> {
  const metrics = await (await running.request('/metrics')).text();
  return Number(new RegExp(`cvt_queue_messages\\{queue="${queue}"\\} (\\d+)`, 'u').exec(metrics)?.[1] ?? Number.NaN);
}

const enqueue = (queue: string, body: string) =>
  server!.admin(`/api/queues/${queue}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('offline reports from whatsapp-informes, end to end (docs/contracts/product.md §1.3)', () => {
  it('serves CVT\u2019s page where the link points and sends the link to the WhatsApp recipients, once', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'reports/informes'), { recursive: true });
    writeFileSync(join(dataDir, 'reports/informes/abc123.html'), REPORT_SOURCE);
    server = await startServer(dataDir);
    const body = JSON.stringify({ destinatarios: ['50688888888@c.us', 'ana@example.com'], idEnvio: 'abc123', subject: 'Informe matutino' });

    const queued = await enqueue('offline-reports', body);
    expect(queued.status).toBe(202);
    expect(await queued.json()).toEqual({ queued: true, queue: 'offline-reports', messageId: expect.any(String) });
    const [message] = await outboxWhenSettled(server, 1);
    expect(message).toMatchObject({ to: '+50688888888', text: `Informe matutino\n\n${MEDIA}/informes/abc123.html`, template: null });

    const page = await server.request('/informes/abc123.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('Notas Directas');
    expect(html).toContain('Nota directa sobre el cliente');
    expect(html).toContain('Notas de Contexto');
    expect(html).not.toContain('Notas Competencia');
    expect(html).not.toMatch(/<script|onload=|Informe enviado por correo/iu);

    // The default images the page points to ship with the project and are served: no broken image on a fresh install.
    for (const asset of ['cvt-header.png', 'cvt-footer.png', 'cvt-preview.png']) {
      expect(html).toContain(`${MEDIA}/assets/${asset}`);
      const image = await server.request(`/assets/${asset}`);
      expect(image.status, asset).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await image.arrayBuffer()).equals(readFileSync(new URL(`../../assets/${asset}`, import.meta.url)))).toBe(true);
    }
    expect((await server.request('/assets/missing.png')).status).toBe(404);

    // CVT's queue may deliver the same message again: same page, nothing sent twice.
    await enqueue('offline-reports', body);
    await eventually(async () => ((await queueDepth(server!, 'offline-reports')) === 0 ? true : undefined), 5_000, 'the queue to drain');
    // A message leaves the queue once handled, and its deliveries are in the ledger by then: one, already sent.
    expect(await ledger(server, 'job=offline-report')).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
    expect(await outbox(server)).toHaveLength(1);
    expect(await (await server.request('/informes/abc123.html')).text()).toBe(html);
  });

  it('refuses a body that can never be processed with 400 and the reason', async () => {
    server = await startServer(tempDir());
    for (const body of [
      'not json',
      '{}',
      '{"destinatarios":"50688888888@c.us","idEnvio":"x"}',
      '{"destinatarios":[],"idEnvio":"../../etc/passwd"}',
    ]) {
      const response = await enqueue('offline-reports', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'invalid_body', message: expect.any(String) });
    }
  });

  it('dead-letters a queued message that can never succeed, with its reason, and goes on with the others', async () => {
    const dataDir = tempDir();
    server = await startServer(dataDir, { QUEUE_MAX_RECEIVES: '2' });
    // Another producer (CVT's backend) wrote straight to the queue, past the admin route's validation. It waits
    // for the server's write lock as any other writer of the file must (the server may be in a commit of its own).
    const db = new DatabaseSync(join(dataDir, 'cvt-whatsapp.db'), { timeout: 30_000 });
    db.prepare(
      "INSERT INTO queue_messages (id, queue, body, visible_at, created_at) VALUES ('poison', 'offline-reports', '{not json', 0, 0)",
    ).run();
    db.close();
    await enqueue('offline-reports', JSON.stringify({ destinatarios: ['50688888888@c.us'], idEnvio: 'never-written', subject: 'S' }));
    await enqueue(
      'offline-alerts',
      JSON.stringify([{ nota: 'n1', titulo: 'Sigue funcionando', cliente: '5792a7288ac8f35b0aa93bee', correo: '50688888888@c.us' }]),
    );

    await outboxWhenSettled(server, 1);
    const deadLetters = await eventually(
      async () => {
        const items = (await json(await server!.admin('/api/queues/offline-reports/dead-letters')))['items'] as {
          reason: string;
          body: string;
        }[];
        return items.length === 2 ? items : undefined;
      },
      15_000,
      'two dead letters',
    );
    expect(deadLetters.map((letter) => letter.reason).sort()).toEqual([
      // It says where it looked: the folder the embedded store reads, which a new operator cannot guess.
      `failed 2 times; last error: the report informes/never-written.html does not exist (looked at ${join(resolve(dataDir), 'reports', 'informes', 'never-written.html')})`,
      'the body is not valid JSON',
    ]);
  });
});

describe('offline alerts from notificaciones-controles, end to end (docs/contracts/product.md §1.4)', () => {
  it('sends each WhatsApp entry the alert and never the same note twice to the same recipient', async () => {
    server = await startServer(tempDir());
    const body = JSON.stringify([
      {
        nota: '66f1c0ffee0000000000aaaa',
        titulo: 'Título de la nota',
        cliente: '5792a7288ac8f35b0aa93bee',
        correo: '50688888888@c.us',
        onesignalDevices: ['d1'],
      },
      {
        nota: '66f1c0ffee0000000000aaaa',
        titulo: 'Título de la nota',
        cliente: '5792a7288ac8f35b0aa93bee',
        correo: 'ana@example.com',
        onesignalDevices: [],
      },
    ]);
    expect((await enqueue('offline-alerts', body)).status).toBe(202);
    expect((await enqueue('offline-alerts', body)).status).toBe(202);
    const messages = await outboxWhenSettled(server, 1);
    await eventually(async () => ((await queueDepth(server!, 'offline-alerts')) === 0 ? true : undefined), 5_000, 'the queue to drain');
    // Both messages handled, their deliveries in the ledger: one WhatsApp delivery, already sent, so nothing more to come.
    expect((await ledger(server, 'job=offline-alert')).filter((delivery) => delivery.recipient.startsWith('+'))).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 1 }),
    ]);
    expect(await outbox(server)).toEqual([
      {
        to: '+50688888888',
        text: `*Alerta de noticia*\n\nTítulo de la nota\n\n${APP}/?shared=1&id=66f1c0ffee0000000000aaaa`,
        template: null,
        at: messages[0]!.at,
      },
    ]);
  });

  it('refuses a body with no valid alert and reports a bad entry next to good ones', async () => {
    server = await startServer(tempDir());
    for (const body of ['{"nota":"x"}', '[]', '[{"nota":"x"}]', 'garbage']) {
      const response = await enqueue('offline-alerts', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'invalid_body', message: expect.any(String) });
    }
    const mixed = await enqueue(
      'offline-alerts',
      JSON.stringify([
        { titulo: 'sin nota', correo: '50688888888@c.us' },
        { nota: 'n2', titulo: 'Bien', cliente: '', correo: '50677777777@c.us' },
      ]),
    );
    expect(mixed.status).toBe(202);
    expect(await mixed.json()).toMatchObject({ queued: true, skipped: [{ index: 0, reason: expect.stringContaining('nota') }] });
    const [message] = await outboxWhenSettled(server, 1);
    expect(message!.to).toBe('+50677777777');
  });
});
