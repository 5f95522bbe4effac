import { afterEach, describe, expect, it } from 'vitest';
import { meltwaterNewsletterHtml, type NewsletterItem } from '../support/meltwater-newsletter.ts';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.ts';
import { CLIENT_ID, DISTRIBUTION_ID, json, outbox, outboxWhenSettled, putClient, whenLedgerSettled } from '../support/server-api.ts';
import { startServer, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
let server: RunningServer | undefined;
let meltwater: LoopbackServer | undefined;
afterEach(async () => {
  await server?.stop();
  await meltwater?.close();
  server = meltwater = undefined;
});

const FAILING_DISTRIBUTION = '6734a46da330314a4cd0c3db';
const items: NewsletterItem[] = [
  {
    headline: 'Asamblea aprueba reforma fiscal en primer debate',
    url: 'https://www.nacion.com/politica/reforma-fiscal/',
    source: 'La Nación',
    date: '21 nov 2026',
  },
  {
    headline: 'Aeropuerto Juan Santamaría bate récord de pasajeros',
    url: 'https://www.crhoy.com/nacionales/aeropuerto-record/',
    source: 'CRHoy',
    date: '21 nov 2026',
  },
];

/** Meltwater publishing newsletters: each request renders the current items with fresh tokens, as the real one does. */
async function startMeltwater(current: { items: NewsletterItem[] }) {
  let renders = 0;
  return startLoopbackServer((request, response) => {
    const distribution = /distribution\/([0-9a-f]{24})\/html$/u.exec(request.url ?? '')?.[1];
    if (distribution === FAILING_DISTRIBUTION) {
      response.statusCode = 500;
      return response.end('Internal Server Error');
    }
    renders++;
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(
      meltwaterNewsletterHtml({
        title: 'Resumen de medios',
        items: current.items,
        token: `tok${renders}`.padEnd(24, '0'),
        sentAt: new Date(Date.UTC(2026, 10, 21, 14, renders)),
      }),
    );
  });
}

describe('Meltwater newsletters, end to end (docs/contracts/product.md §1.2)', () => {
  it('stores CVT\u2019s responsive page, sends its link once per version, and reports each newsletter in the run summary', async () => {
    const current = { items };
    meltwater = await startMeltwater(current);
    server = await startServer(tempDir(), {
      MELTWATER_NEWSLETTER_URL: `${meltwater.url}/api/public/newsletters/{accountId}/newsletter/distribution/{distributionId}/html`,
      PUBLIC_MEDIA_BASE_URL: 'https://media.controles.co.cr/',
    });
    await putClient(server, CLIENT_ID, [
      '50688888888@c.us',
      '50677777777@c.us',
      `${DISTRIBUTION_ID}@meltwater.com`,
      `${FAILING_DISTRIBUTION}@meltwater.com`,
    ]);
    const run = () => server!.admin('/api/reports/run', { method: 'POST' });

    const first = await run();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      checked: 2,
      sent: 1,
      unchanged: 0,
      failed: [{ distributionId: FAILING_DISTRIBUTION, reason: 'Meltwater answered HTTP 500' }],
      skipped: [],
    });
    const link = `https://media.controles.co.cr/informesmw/${DISTRIBUTION_ID}.html`;
    const sent = await outboxWhenSettled(server, 2);
    expect(sent.map((message) => message.to).sort()).toEqual(['+50677777777', '+50688888888']);
    expect(sent[0]!.text).toBe(`*Informe de noticias*\n\nResumen de medios\n\n${link}`);

    const page = await server.request(`/informesmw/${DISTRIBUTION_ID}.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(`<meta property="og:url" content="${link}">`);
    expect(html).toContain('Asamblea aprueba reforma fiscal en primer debate');
    expect(html).toContain('href="https://www.nacion.com/politica/reforma-fiscal/"');
    expect(html).not.toMatch(/newsletters-unsubscribe|<script|width="800"/u);

    // Meltwater renders the same newsletter again with new tokens: nothing is sent.
    expect(await json(await run())).toMatchObject({ checked: 2, sent: 0, unchanged: 1 });
    // The run answers once its deliveries are recorded: still the first two, both sent.
    expect(await whenLedgerSettled(server, 'job=meltwater-newsletter')).toHaveLength(2);
    expect(await outbox(server)).toHaveLength(2);

    // One item changes: the new version goes out, and the page shows it.
    current.items = [items[0]!, { ...items[1]!, headline: 'Tormenta tropical obliga a cerrar escuelas en Guanacaste' }];
    expect(await json(await run())).toMatchObject({ sent: 1, unchanged: 0 });
    expect(await outboxWhenSettled(server, 4)).toHaveLength(4);
    expect(await (await server.request(`/informesmw/${DISTRIBUTION_ID}.html`)).text()).toContain('Tormenta tropical');
  });

  it('runs on its own at the scheduled time', async () => {
    meltwater = await startMeltwater({ items });
    server = await startServer(tempDir(), {
      MELTWATER_NEWSLETTER_URL: `${meltwater.url}/nl/{distributionId}/html`,
      // Every second: the schedule itself, not the 08:00 and 16:00 of production, is what is tested here.
      REPORT_SCHEDULE: '* * * * * *',
    });
    await putClient(server, CLIENT_ID, ['50688888888@c.us', `${DISTRIBUTION_ID}@meltwater.com`]);
    const [message] = await outboxWhenSettled(server, 1, 5_000);
    expect(message!.text).toContain(`/informesmw/${DISTRIBUTION_ID}.html`);
    expect(server.output.some((line) => line.includes('scheduled newsletter run finished'))).toBe(true);
  });
});
