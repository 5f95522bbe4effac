import { describe, expect, it } from 'vitest';
import type { BoundedReportRenderer } from '../../src/application/ports/bounded-report-renderer.port.ts';

export interface BoundedReportRendererHarness {
  /** A renderer refusing pages over `maxBytes` bytes or nested deeper than `maxDepth`. */
  create(limits: { maxBytes: number; maxDepth: number }): Promise<{ renderer: BoundedReportRenderer; close(): Promise<void> }>;
}

const OPTIONS = { title: 'Informe del día', url: 'https://media.example/informes/a.html', headerImageUrl: null, footerImageUrl: null };

/** A CVT report whose news section nests `depth` elements around its one item. */
export function deepReport(depth: number): string {
  return `<html><body><div class="notasDirectas">${'<div>'.repeat(depth)}<a href="https://www.crhoy.com/nota">Nota profunda del día</a>${'</div>'.repeat(depth)}</div></body></html>`;
}

export const NEWSLETTER = `<html><head><title>Resumen matutino</title></head><body><table width="800">
<tr><td><a href="https://www.crhoy.com/presidente-firma-decreto">Presidente firma decreto sobre ruta 32</a><br>CRHoy</td></tr>
<tr><td><a href="https://www.nacion.com/banco-central">Banco Central mantiene la tasa de política</a><br>La Nación</td></tr>
</table><script>alert(1)</script></body></html>`;

/** What every BoundedReportRenderer adapter must do (src/application/ports/bounded-report-renderer.port.ts). */
export function boundedReportRendererContract(name: string, harness: BoundedReportRendererHarness): void {
  describe(`BoundedReportRenderer contract: ${name}`, () => {
    const withRenderer =
      (test: (renderer: BoundedReportRenderer) => Promise<void>, limits = { maxBytes: 1_000_000, maxDepth: 512 }) =>
      async () => {
        const { renderer, close } = await harness.create(limits);
        try {
          await test(renderer);
        } finally {
          await close();
        }
      };

    it(
      'renders an offline report into a sanitised page, recognised as its own',
      withRenderer(async (renderer) => {
        const page = await renderer.offlineReportPage(
          '<html><body><div class="notasDirectas"><p onclick="x()">Nota <script>alert(1)</script>uno</p></div></body></html>',
          OPTIONS,
        );
        expect(page.ok).toBe(true);
        if (!page.ok) return;
        expect(page.value).toContain('Notas Directas');
        expect(page.value).not.toMatch(/<script|onclick/iu);
        expect(await renderer.isGeneratedPage(page.value)).toBe(true);
        expect(await renderer.isGeneratedPage('<html><body>fuente</body></html>')).toBe(false);
      }),
    );

    it(
      'reads a newsletter\u2019s news, then renders its page on demand',
      withRenderer(async (renderer) => {
        const read = await renderer.readNewsletter(NEWSLETTER);
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        expect(read.value.title).toBe('Resumen matutino');
        expect(read.value.items.map((item) => item.headline)).toEqual([
          'Presidente firma decreto sobre ruta 32',
          'Banco Central mantiene la tasa de política',
        ]);
        const page = await read.value.page({
          title: 'Resumen',
          description: '2 noticias',
          url: 'https://media.example/n.html',
          imageUrl: null,
        });
        expect(page.ok && page.value).toContain('Presidente firma decreto');
        expect(page.ok && page.value).not.toContain('<script');
      }),
    );

    it(
      'refuses a page nested deeper than the limit before parsing it, with the limit in the reason',
      withRenderer(async (renderer) => {
        const started = performance.now();
        const report = await renderer.offlineReportPage(deepReport(40_000), OPTIONS);
        const newsletter = await renderer.readNewsletter(deepReport(40_000));
        expect(report).toEqual({ ok: false, error: { kind: 'render_refused', reason: expect.stringMatching(/more than 512 levels/u) } });
        expect(newsletter.ok || newsletter.error.reason).toMatch(/more than 512 levels/u);
        expect(await renderer.isGeneratedPage(deepReport(40_000))).toBe(false);
        // Parsing it took 26.8 s (issue 16); refusing it is one pass over 440 KB.
        expect(performance.now() - started).toBeLessThan(10_000);
      }),
    );

    it(
      'renders pages nested within the limit, however their tags are left unclosed',
      withRenderer(async (renderer) => {
        const unclosed = [
          deepReport(400),
          `<html><body><div class="notasDirectas">${'<p>párrafo sin cerrar '.repeat(3_000)}</div></body></html>`,
          `<html><body><div class="notasDirectas"><table>${'<tr><td>celda<td>otra'.repeat(3_000)}</table></div></body></html>`,
          `<html><body><div class="notasDirectas"><ul>${'<li>punto'.repeat(3_000)}</ul></div></body></html>`,
          `<html><body><div class="notasDirectas"><svg>${'<path d="M0 0"/>'.repeat(3_000)}</svg>${'<br><img src="https://x.example/a.png">'.repeat(3_000)}</div></body></html>`,
        ];
        for (const html of unclosed) {
          const page = await renderer.offlineReportPage(html, OPTIONS);
          expect(page.ok || page.error.reason).toBe(true);
        }
      }),
    );

    it(
      'refuses a page larger than the limit, with the limit in the reason',
      withRenderer(
        async (renderer) => {
          const big = `<html><body><div class="notasDirectas">${'<p>ñandú</p>'.repeat(1_000)}</div></body></html>`;
          const refused = { ok: false, error: { kind: 'render_refused', reason: expect.stringMatching(/larger than 10000 bytes/u) } };
          expect(await renderer.offlineReportPage(big, OPTIONS)).toEqual(refused);
          expect(await renderer.readNewsletter(big)).toEqual(refused);
        },
        { maxBytes: 10_000, maxDepth: 512 },
      ),
    );
  });
}
