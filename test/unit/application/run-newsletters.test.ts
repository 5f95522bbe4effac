import { describe, expect, it } from 'vitest';
import { Htmlparser2BoundedReportRenderer } from '../../../src/adapters/htmlparser2/htmlparser2.bounded-report-renderer.adapter.ts';
import type { BoundedReportRenderer } from '../../../src/application/ports/bounded-report-renderer.port.ts';
import { embeddedServices, PUBLIC_MEDIA } from '../../support/embedded-services.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const CLIENT = '5792a7288ac8f35b0aa93bee';
const DIST = '6734a46da330314a4cd0c3da';
const OTHER_DIST = '6734a46da330314a4cd0c3db';

/** A newsletter as Meltwater publishes it: tracking redirects, a token and a timestamp that change on every render. */
function newsletter(headlines: string[], token: string): string {
  const rows = headlines
    .map((headline) => {
      const slug = headline.toLowerCase().replace(/[^a-z0-9]+/gu, '-');
      const target = encodeURIComponent(encodeURIComponent(`https://www.crhoy.com/${slug}?utm_source=mw`));
      return `<tr><td><a href="https://t.notifications.meltwater.com/v2/x?m=newsletter&u=${target}&t=${token}">${headline}</a><br>CRHoy · 21 nov 2026</td></tr>`;
    })
    .join('');
  return `<html><head><META http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Resumen matutino</title></head>
<body style="background-color: #F6F6F8;"><table width="800">${rows}
<tr><td>Enviado ${token}</td></tr><tr><td><img src="https://t.notifications.meltwater.com/open?d=${token}"></td></tr></table>
<p style="color:#808080">To unsubscribe from this newsletter <a href="https://app.meltwater.com/newsletters-unsubscribe/${token}?companyId=552e72ccbd555c1e62082adc">Click Here</a></p></body></html>`;
}

const NEWS = ['Presidente firma decreto sobre ruta 32', 'Banco Central mantiene la tasa de política', 'Lluvias afectan el Valle Central'];

describe('RunNewsletters', () => {
  it('stores CVT\u2019s responsive copy and sends its link to each contact', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', '50677777777@c.us', `${DIST}@meltwater.com`], 'Cliente Temporal');
    services.newsletters.pages.set(DIST, newsletter(NEWS, 'tok-1'));

    const summary = await services.runNewsletters.execute();

    expect(summary).toEqual({ checked: 1, sent: 1, unchanged: 0, failed: [], skipped: [] });
    const page = await services.storage.get(`informesmw/${DIST}.html`);
    expect(page?.html).toContain('name="viewport"');
    expect(page?.html).not.toContain('newsletters-unsubscribe');
    const sent = await services.sendAll();
    expect(sent.map((entry) => entry.to).sort()).toEqual(['+50677777777', '+50688888888']);
    expect(sent[0]!.text).toBe(`*Informe de noticias*\n\nResumen matutino\n\n${PUBLIC_MEDIA}/informesmw/${DIST}.html`);
    expect(sent[0]!.text).not.toContain('meltwater');
  });

  it('sends nothing again when only tokens, timestamps and the unsubscribe link changed', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', `${DIST}@meltwater.com`]);
    services.newsletters.pages.set(DIST, newsletter(NEWS, 'tok-1'));
    await services.runNewsletters.execute();
    await services.sendAll();

    services.newsletters.pages.set(DIST, newsletter([...NEWS].reverse(), 'tok-2'));
    expect(await services.runNewsletters.execute()).toMatchObject({ checked: 1, sent: 0, unchanged: 1 });
    expect(await services.sendAll()).toHaveLength(1);
  });

  it('builds no page while the news stay the same', async () => {
    const htmlRenderer = new Htmlparser2BoundedReportRenderer({ maxBytes: 5_242_880, maxDepth: 512 });
    let pages = 0;
    const renderer: BoundedReportRenderer = {
      readNewsletter: async (html) => {
        const read = await htmlRenderer.readNewsletter(html);
        if (!read.ok) return read;
        const document = read.value;
        return { ok: true, value: { ...document, page: (preview) => (pages++, document.page(preview)) } };
      },
      offlineReportPage: (html, options) => htmlRenderer.offlineReportPage(html, options),
      isGeneratedPage: (html) => htmlRenderer.isGeneratedPage(html),
    };
    const services = embeddedServices(tempDir(), { renderer });
    await services.saveClient(CLIENT, ['50688888888@c.us', `${DIST}@meltwater.com`]);
    services.newsletters.pages.set(DIST, newsletter(NEWS, 'tok-1'));
    await services.runNewsletters.execute();
    expect(pages).toBe(1);

    services.newsletters.pages.set(DIST, newsletter([...NEWS].reverse(), 'tok-2'));
    await services.runNewsletters.execute();
    expect(pages).toBe(1);
  });

  it('sends the new version when a news item changed, and rewrites the page', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', `${DIST}@meltwater.com`]);
    services.newsletters.pages.set(DIST, newsletter(NEWS, 'tok-1'));
    await services.runNewsletters.execute();
    // The first version goes out before the second is published (one still waiting would expire: see below).
    expect(await services.sendAll()).toHaveLength(1);
    const changed = [...NEWS.slice(0, 2), 'Nueva noticia de la tarde sobre el cliente'];
    services.newsletters.pages.set(DIST, newsletter(changed, 'tok-2'));

    expect(await services.runNewsletters.execute()).toMatchObject({ sent: 1, unchanged: 0 });
    expect((await services.storage.get(`informesmw/${DIST}.html`))?.html).toContain('Nueva noticia de la tarde');
    expect(await services.sendAll()).toHaveLength(2);
  });

  it('expires an older version still waiting when a newer one is recorded for the same recipient, and sends only the newer', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', `${DIST}@meltwater.com`]);
    services.newsletters.pages.set(DIST, newsletter(NEWS, 'tok-1'));
    await services.runNewsletters.execute();
    services.newsletters.pages.set(DIST, newsletter([...NEWS.slice(0, 2), 'Nueva noticia de la tarde sobre el cliente'], 'tok-2'));
    await services.runNewsletters.execute();

    const sent = await services.sendAll();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('informesmw');
    const deliveries = await services.ledger.list({ limit: 10 });
    expect(deliveries.map((delivery) => delivery.status).sort()).toEqual(['expired', 'sent']);
    const expired = deliveries.find((delivery) => delivery.status === 'expired')!;
    expect(expired.lastError).toContain('newer version');
    expect((await services.ledger.history(expired.id)).map((event) => event.type)).toEqual(['recorded', 'expired']);
  });

  it('gives the current version to a contact added after it was sent, and only to them', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', `${DIST}@meltwater.com`]);
    services.newsletters.pages.set(DIST, newsletter(NEWS, 'tok-1'));
    await services.runNewsletters.execute();
    await services.sendAll();
    await services.saveClient(CLIENT, ['50688888888@c.us', '50677777777@c.us', `${DIST}@meltwater.com`]);

    await services.runNewsletters.execute();
    expect((await services.sendAll()).map((entry) => entry.to)).toEqual(['+50677777777', '+50688888888']);
  });

  it('reports a failing newsletter and still sends the others', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', `${DIST}@meltwater.com`, `${OTHER_DIST}@meltwater.com`]);
    services.newsletters.pages.set(DIST, { failure: 'Meltwater answered HTTP 500' });
    services.newsletters.pages.set(OTHER_DIST, newsletter(NEWS, 'tok'));

    const summary = await services.runNewsletters.execute();

    expect(summary).toEqual({
      checked: 2,
      sent: 1,
      unchanged: 0,
      failed: [{ distributionId: DIST, reason: 'Meltwater answered HTTP 500' }],
      skipped: [],
    });
    expect(await services.sendAll()).toHaveLength(1);
  });

  it('fails a newsletter without news items instead of sending an empty page', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', `${DIST}@meltwater.com`]);
    services.newsletters.pages.set(DIST, '<html><body><p>Service temporarily unavailable</p></body></html>');
    expect((await services.runNewsletters.execute()).failed).toEqual([
      { distributionId: DIST, reason: 'no news items found in the newsletter' },
    ]);
    expect(await services.storage.get(`informesmw/${DIST}.html`)).toBeUndefined();
  });

  it('refuses a page that is not a Meltwater newsletter: nothing stored, nothing sent, the reason reported', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', `${DIST}@meltwater.com`]);
    // CVT's own admin answered the newsletter URL with 200: a menu of long links, no Meltwater in sight.
    const adminPage = `<html><head><title>Panel | Controles</title></head><body><nav><ul>
      <li><a href="https://app.controles.co.cr/admin/clientes">Administración de clientes y usuarios</a></li>
      <li><a href="https://app.controles.co.cr/admin/notas">Registro de notas del día de hoy</a></li></ul></nav>
      <main><p>Controles</p></main></body></html>`;
    services.newsletters.pages.set(DIST, adminPage);
    const summary = await services.runNewsletters.execute();
    expect(summary.failed).toEqual([
      { distributionId: DIST, reason: 'not a Meltwater newsletter: no Meltwater link or image in the page' },
    ]);
    expect(summary.sent).toBe(0);
    expect(await services.storage.get(`informesmw/${DIST}.html`)).toBeUndefined();
    expect(await services.sendAll()).toEqual([]);

    // Meltwater's links without its e-mail layout are not its newsletter either.
    services.newsletters.pages.set(DIST, newsletter(NEWS, 'tok').replace(/<\/?(table|tr|td)[^>]*>/gu, ''));
    expect((await services.runNewsletters.execute()).failed).toEqual([
      { distributionId: DIST, reason: "not a Meltwater newsletter: no layout table, not Meltwater's structure" },
    ]);
    expect(await services.storage.get(`informesmw/${DIST}.html`)).toBeUndefined();
  });

  it('previews the real number of news and the first headline, and never counts the e-mail frame as news', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', `${DIST}@meltwater.com`]);
    const withFrame = newsletter(NEWS, 'tok-1').replace(
      '<table width="800">',
      `<table width="800"><tr><td style="font-size:11px">¿No puede ver este correo? <a href="https://app.meltwater.com/api/public/newsletters/552e72ccbd555c1e62082adc/newsletter/distribution/${DIST}/html?t=tok-1">Véalo en su navegador</a></td></tr>`,
    );
    services.newsletters.pages.set(DIST, withFrame);
    await services.runNewsletters.execute();
    const html = (await services.storage.get(`informesmw/${DIST}.html`))!.html;
    expect(html).toContain(`<meta property="og:description" content="3 noticias: ${NEWS[0]}">`);
    expect(html).not.toMatch(/navegador|No puede ver este correo/u);
  });

  it('skips a client without WhatsApp contacts without downloading its newsletter', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['ana@example.com', `${DIST}@meltwater.com`]);
    expect(await services.runNewsletters.execute()).toMatchObject({
      checked: 1,
      sent: 0,
      skipped: [{ distributionId: DIST, reason: expect.any(String) }],
    });
    expect(services.newsletters.fetches).toBe(0);
  });

  it('downloads a distribution shared by two clients once and sends each contact once, even in overlapping runs', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', `${DIST}@meltwater.com`]);
    await services.saveClient('5792a7288ac8f35b0aa93bef', ['50688888888@c.us', '50677777777@c.us', `${DIST}@meltwater.com`]);
    services.newsletters.pages.set(DIST, newsletter(NEWS, 'tok'));

    const [first, second] = await Promise.all([services.runNewsletters.execute(), services.runNewsletters.execute()]);

    expect(first.checked + second.checked).toBe(4);
    expect(services.newsletters.fetches).toBe(2);
    expect((await services.sendAll()).map((entry) => entry.to).sort()).toEqual(['+50677777777', '+50688888888']);
  });

  it('runs only the distributions asked for', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', `${DIST}@meltwater.com`, `${OTHER_DIST}@meltwater.com`]);
    services.newsletters.pages.set(DIST, newsletter(NEWS, 'a'));
    services.newsletters.pages.set(OTHER_DIST, newsletter(NEWS, 'b'));
    expect(await services.runNewsletters.execute({ distributionIds: [OTHER_DIST] })).toMatchObject({ checked: 1, sent: 1 });
  });

  it('names the distributions asked for that no client has', async () => {
    const services = embeddedServices(tempDir());
    await services.saveClient(CLIENT, ['50688888888@c.us', `${DIST}@meltwater.com`]);
    services.newsletters.pages.set(DIST, newsletter(NEWS, 'a'));
    const unknown = 'ffffffffffffffffffffffff';
    expect(await services.runNewsletters.execute({ distributionIds: [DIST, unknown, unknown] })).toEqual({
      checked: 1,
      sent: 1,
      unchanged: 0,
      failed: [],
      skipped: [],
      unknownDistributionIds: [unknown],
    });
  });
});
