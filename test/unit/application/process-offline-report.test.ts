import { describe, expect, it } from 'vitest';
import { Htmlparser2BoundedReportRenderer } from '../../../src/adapters/htmlparser2/htmlparser2.bounded-report-renderer.adapter.ts';
import type { BoundedReportRenderer } from '../../../src/application/ports/bounded-report-renderer.port.ts';
import { embeddedServices, PUBLIC_MEDIA } from '../../support/embedded-services.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const SOURCE = `<html><body onload="track()"><script>alert(1)</script><table><tr><td>Encabezado de correo</td></tr></table>
<div class="notasDirectas"><p><a href="https://www.nacion.com/a">Nota directa uno</a></p></div>
<div class="notasCompetencia"><p>Nota de la competencia</p></div></body></html>`;
const request = {
  idEnvio: 'abc123',
  subject: 'Informe matutino',
  destinatarios: ['50688888888@c.us', 'ana@example.com', '50677777777@c.us'],
};

describe('ProcessOfflineReport', () => {
  it('replaces the source with CVT\u2019s page at the same key and sends the link to the WhatsApp recipients only', async () => {
    const services = embeddedServices(tempDir());
    await services.storage.put('informes/abc123.html', SOURCE, {});

    const result = await services.processReport.execute(request);

    expect(result).toEqual({ ok: true, value: { recipients: 2, queued: 2, duplicates: 0 } });
    const page = (await services.storage.get('informes/abc123.html'))!.html;
    expect(page).toContain('Notas Directas');
    expect(page).toContain('Notas Competencia');
    expect(page).not.toContain('Encabezado de correo');
    expect(page).not.toMatch(/<script|onload/iu);
    const sent = await services.sendAll();
    expect(sent.map((entry) => entry.to).sort()).toEqual(['+50677777777', '+50688888888']);
    expect(sent[0]!.text).toBe(`Informe matutino\n\n${PUBLIC_MEDIA}/informes/abc123.html`);
  });

  it('processing the same message again stores the same page and sends nothing twice', async () => {
    const services = embeddedServices(tempDir());
    await services.storage.put('informes/abc123.html', SOURCE, {});
    await services.processReport.execute(request);
    const firstPage = (await services.storage.get('informes/abc123.html'))!.html;
    await services.sendAll();

    expect(await services.processReport.execute(request)).toEqual({ ok: true, value: { recipients: 2, queued: 0, duplicates: 2 } });
    expect((await services.storage.get('informes/abc123.html'))!.html).toBe(firstPage);
    expect(await services.sendAll()).toHaveLength(2);
  });

  it('answers a retryable report_not_found while the report is not stored yet', async () => {
    const services = embeddedServices(tempDir());
    const result = await services.processReport.execute(request);
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'report_not_found',
        retryable: true,
        message: `the report informes/abc123.html does not exist (looked at ${services.storage.locate('informes/abc123.html')})`,
      },
    });
    expect(await services.ledger.list({ limit: 10 })).toEqual([]);
  });

  it('sends nothing for a message without WhatsApp recipients, yet never leaves the source public as it came', async () => {
    const services = embeddedServices(tempDir());
    await services.storage.put('informes/abc123.html', SOURCE, {});
    expect(await services.processReport.execute({ ...request, destinatarios: ['ana@example.com'] })).toEqual({
      ok: true,
      value: { recipients: 0, queued: 0, duplicates: 0 },
    });
    expect(await services.ledger.list({ limit: 10 })).toEqual([]);
    // Issue 16: a source never rendered stayed public with its scripts; it is now CVT's sanitised page.
    expect((await services.storage.get('informes/abc123.html'))!.html).toContain('name="generator" content="cvt-whatsapp"');
    expect((await services.storage.get('informes-fuente/abc123.html'))!.html).toBe(SOURCE);
  });

  it('does nothing for a message without WhatsApp recipients whose report is not stored', async () => {
    const services = embeddedServices(tempDir());
    expect(await services.processReport.execute({ ...request, destinatarios: ['ana@example.com'] })).toEqual({
      ok: true,
      value: { recipients: 0, queued: 0, duplicates: 0 },
    });
  });

  it('reports an invalid WhatsApp id and sends to the valid ones', async () => {
    const services = embeddedServices(tempDir());
    await services.storage.put('informes/abc123.html', SOURCE, {});
    const result = await services.processReport.execute({ ...request, destinatarios: ['12@c.us', '50688888888@c.us', 42] });
    expect(result.ok && result.value.queued).toBe(1);
    expect(services.logger.lines.some((line) => line.level === 'warn' && JSON.stringify(line.fields).includes('12@c.us'))).toBe(true);
  });
});

describe('ProcessOfflineReport and its source', () => {
  it('keeps the source outside the public folder and renders from it again, never wrapping its own page', async () => {
    const services = embeddedServices(tempDir());
    await services.storage.put('informes/abc123.html', SOURCE, {});
    await services.processReport.execute(request);
    expect((await services.storage.get('informes-fuente/abc123.html'))!.html).toBe(SOURCE);
    const page = (await services.storage.get('informes/abc123.html'))!.html;
    await services.processReport.execute(request);
    expect((await services.storage.get('informes/abc123.html'))!.html).toBe(page);
    expect(page.match(/class="cvt-page"/gu)).toHaveLength(1);
  });

  it('sanitises a source that pretends to be one of our pages', async () => {
    const services = embeddedServices(tempDir());
    const impostor = `<html><head><meta name="generator" content="cvt-whatsapp"></head><body><div class="notasDirectas"><a href="javascript:alert(1)">Nota</a><script>alert(2)</script></div></body></html>`;
    await services.storage.put('informes/abc123.html', impostor, {});
    await services.processReport.execute(request);
    expect((await services.storage.get('informes/abc123.html'))!.html).not.toMatch(/javascript:|<script/iu);
  });

  it('files each delivery under the client whose contact the number is, and under no client when none or several have it', async () => {
    const services = embeddedServices(tempDir());
    await services.storage.put('informes/abc123.html', SOURCE, {});
    const ONLY_OWNER = '5792a7288ac8f35b0aa93bee';
    await services.saveClient(ONLY_OWNER, ['88888888@c.us', 'ana@example.com']);
    await services.saveClient('5792a7288ac8f35b0aa93be1', ['50677777777@c.us']);
    await services.saveClient('5792a7288ac8f35b0aa93be2', ['+506 7777 7777@c.us']);

    await services.processReport.execute({ ...request, destinatarios: [...request.destinatarios, '50666666666@c.us'] });

    const deliveries = await services.ledger.list({ limit: 10 });
    const clientOf = Object.fromEntries(deliveries.map((delivery) => [delivery.recipient, delivery.clientId]));
    expect(clientOf).toEqual({ '+50688888888': ONLY_OWNER, '+50677777777': null, '+50666666666': null });
  });
});

describe('ProcessOfflineReport and a report it cannot render (issue 16)', () => {
  it('fails the message for good with the reason, and puts a page saying the report is unavailable where the source was', async () => {
    const services = embeddedServices(tempDir(), { renderer: new Htmlparser2BoundedReportRenderer({ maxBytes: 5_242_880, maxDepth: 50 }) });
    const deep = `<html><body><div class="notasDirectas">${'<div>'.repeat(60)}<script>alert(1)</script>${'</div>'.repeat(60)}</div></body></html>`;
    await services.storage.put('informes/abc123.html', deep, {});

    expect(await services.processReport.execute(request)).toEqual({
      ok: false,
      error: {
        kind: 'report_unrenderable',
        retryable: false,
        message: 'the report informes/abc123.html could not be rendered: the page nests elements more than 50 levels deep (HTML_MAX_DEPTH)',
      },
    });
    const page = (await services.storage.get('informes/abc123.html'))!.html;
    expect(page).toContain('Este informe no está disponible en línea.');
    expect(page).not.toMatch(/<script|<div/iu);
    expect((await services.storage.get('informes-fuente/abc123.html'))!.html).toBe(deep);
    expect(await services.ledger.list({ limit: 10 })).toEqual([]);
  });

  it('asks for another try when there was no time left to render, leaving the pages as they were', async () => {
    const htmlRenderer = new Htmlparser2BoundedReportRenderer({ maxBytes: 5_242_880, maxDepth: 512 });
    const renderer: BoundedReportRenderer = {
      readNewsletter: (html) => htmlRenderer.readNewsletter(html),
      isGeneratedPage: (html) => htmlRenderer.isGeneratedPage(html),
      offlineReportPage: async () => ({
        ok: false,
        error: { kind: 'render_refused', reason: 'no time left to render in this invocation (800 ms)', retryable: true },
      }),
    };
    const services = embeddedServices(tempDir(), { renderer });
    await services.storage.put('informes/abc123.html', SOURCE, {});

    expect(await services.processReport.execute(request)).toEqual({
      ok: false,
      error: {
        kind: 'report_not_rendered_yet',
        retryable: true,
        message: 'the report informes/abc123.html was not rendered: no time left to render in this invocation (800 ms)',
      },
    });
    expect(await services.ledger.list({ limit: 10 })).toEqual([]);
  });
});
