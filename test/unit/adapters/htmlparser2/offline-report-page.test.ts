import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Htmlparser2ReportRenderer } from '../../../../src/adapters/htmlparser2/htmlparser2.report-renderer.adapter.ts';
import type { OfflineReportPageOptions } from '../../../../src/application/ports/report-renderer.port.ts';
import { collapseWhitespace } from '../../../../src/domain/shared/text.ts';
import {
  CHROME_TEXTS,
  cvtOfflineReportHtml,
  offlineSectionsArbitrary,
  type OfflineReportSection,
  type SectionClass,
} from '../../../support/cvt-offline-report.ts';
import { fixedWidthsAbove, parse, unsafeConstructs } from './html-assertions.ts';

const renderer = new Htmlparser2ReportRenderer();

const OPTIONS: OfflineReportPageOptions = {
  title: 'Informe matutino',
  url: 'https://media.controles.co.cr/informes/abc123.html',
  headerImageUrl: 'https://media.controles.co.cr/img/encabezado.png',
  footerImageUrl: 'https://media.controles.co.cr/img/pie.png',
};

const HEADINGS: Record<SectionClass, string> = {
  notasDirectas: 'Notas Directas',
  notasContexto: 'Notas de Contexto',
  notasCompetencia: 'Notas Competencia',
};
const ORDER: SectionClass[] = ['notasDirectas', 'notasContexto', 'notasCompetencia'];

const note = (title: string) => ({
  title,
  url: `https://app.controles.co.cr/?shared=1&id=${'a'.repeat(24)}`,
  medium: 'La Nación',
  date: '12/05/2024',
  summary: `Resumen de ${title}.`,
});

function sectionOf($: ReturnType<typeof parse>, heading: string) {
  return $('section.cvt-section').filter((_, section) => $(section).children('h2').text() === heading);
}

describe('Htmlparser2ReportRenderer.offlineReportPage', () => {
  test.prop([offlineSectionsArbitrary], { numRuns: 60 })(
    'shows each section present under its Spanish heading, in CVT order, and nothing else',
    (sections: OfflineReportSection[]) => {
      const page = renderer.offlineReportPage(cvtOfflineReportHtml({ sections }), OPTIONS);
      const $ = parse(page);
      const present = ORDER.filter((className) => sections.some((section) => section.className === className));
      expect(
        $('section.cvt-section > h2')
          .toArray()
          .map((h2) => $(h2).text()),
      ).toEqual(present.map((className) => HEADINGS[className]));
      for (const section of sections) {
        const shown = sectionOf($, HEADINGS[section.className]);
        const titles = shown
          .find('a')
          .toArray()
          .map((a) => collapseWhitespace($(a).text()));
        expect(titles).toEqual(section.notes.map((n) => collapseWhitespace(n.title)));
        for (const n of section.notes) {
          expect(shown.find(`a[href="${n.url}"]`).length).toBeGreaterThan(0);
          expect(collapseWhitespace(shown.text())).toContain(collapseWhitespace(n.summary));
          expect(shown.text()).toContain(n.medium);
        }
      }
      for (const chrome of CHROME_TEXTS) expect(page).not.toContain(chrome);
      expect(unsafeConstructs(page)).toEqual([]);
      expect(fixedWidthsAbove(page, 320)).toEqual([]);
    },
  );

  const page = renderer.offlineReportPage(
    cvtOfflineReportHtml({
      sections: [
        { className: 'notasCompetencia', notes: [note('Competidor lanza producto nuevo')] },
        { className: 'notasDirectas', notes: [note('Cliente inaugura planta en Heredia')] },
      ],
    }),
    OPTIONS,
  );
  const $ = parse(page);

  test('is titled with the subject and readable on a phone', () => {
    expect($('html').attr('lang')).toBe('es');
    expect($('title').text()).toBe(OPTIONS.title);
    expect($('h1').text()).toBe(OPTIONS.title);
    expect($('meta[property="og:title"]').attr('content')).toBe(OPTIONS.title);
    expect($('meta[property="og:url"]').attr('content')).toBe(OPTIONS.url);
    expect($('meta[name="viewport"]').attr('content')).toBe('width=device-width, initial-scale=1');
    expect($('meta[charset]').attr('charset')).toBe('utf-8');
    const css = $('style').text();
    expect(css).toContain('max-width:800px');
    expect(css).toMatch(/img\{max-width:100%/u);
  });

  test('shows only the sections present, in CVT order', () => {
    expect(
      $('h2')
        .toArray()
        .map((h2) => $(h2).text()),
    ).toEqual(['Notas Directas', 'Notas Competencia']);
  });

  test('shows the header and footer images from the options', () => {
    const images = $('.cvt-banner img')
      .toArray()
      .map((img) => img.attribs['src']);
    expect(images).toEqual([OPTIONS.headerImageUrl, OPTIONS.footerImageUrl]);
  });

  test('leaves the banners out when there are none', () => {
    const $$ = parse(
      renderer.offlineReportPage(
        cvtOfflineReportHtml({ sections: [{ className: 'notasDirectas', notes: [note('Una nota cualquiera de prueba')] }] }),
        { ...OPTIONS, headerImageUrl: null, footerImageUrl: null },
      ),
    );
    expect($$('.cvt-banner')).toHaveLength(0);
    expect($$('meta[property="og:image"]')).toHaveLength(0);
  });

  test('never shows a banner whose image URL is a script', () => {
    const out = renderer.offlineReportPage(cvtOfflineReportHtml({ sections: [] }), {
      ...OPTIONS,
      headerImageUrl: 'javascript:alert(1)',
      footerImageUrl: 'data:text/html,<script>alert(1)</script>',
    });
    expect(unsafeConstructs(out)).toEqual([]);
  });

  test('drops the chrome around the sections: header table, e-mail footer, scripts, handlers', () => {
    for (const chrome of CHROME_TEXTS) expect(page).not.toContain(chrome);
    expect(page).not.toContain('registrarApertura');
    expect(page).not.toContain('tracker.example');
    expect(page).not.toContain('logo-controles.png');
    expect(unsafeConstructs(page)).toEqual([]);
  });

  test('falls back to the whole body, without a heading, when the report has none of the sections', () => {
    const source = `<html><head><title>x</title><script>alert(1)</script></head><body onload="alert(1)">
      <h3>Resumen del día</h3><table width="700"><tr><td><a href="https://www.nacion.com/a/">Una nota sin sección</a></td></tr></table>
      <script>alert(2)</script></body></html>`;
    const out = renderer.offlineReportPage(source, OPTIONS);
    const $$ = parse(out);
    expect($$('h2')).toHaveLength(0);
    expect($$('section.cvt-section')).toHaveLength(1);
    expect($$('section.cvt-section').text()).toContain('Una nota sin sección');
    expect($$('section.cvt-section h3').text()).toBe('Resumen del día');
    expect(unsafeConstructs(out)).toEqual([]);
    expect(fixedWidthsAbove(out, 320)).toEqual([]);
  });

  test('says so when the report is empty', () => {
    const out = renderer.offlineReportPage('<html><body>  </body></html>', OPTIONS);
    expect(parse(out)('.cvt-empty').text()).toBe('Este informe no contiene notas.');
  });

  test('is recognised as generated, so that it is never wrapped twice; its source is not', () => {
    const source = cvtOfflineReportHtml({
      sections: [{ className: 'notasDirectas', notes: [note('Cliente inaugura planta en Heredia')] }],
    });
    expect(renderer.isGeneratedPage(source)).toBe(false);
    expect(renderer.isGeneratedPage(page)).toBe(true);
  });

  test('a source cannot pass itself off as a generated page through a marker inside a section', () => {
    // The renderer drops every meta element from the content it keeps, so a marker can only come from CVT's head.
    const out = renderer.offlineReportPage(
      `<div class="notasDirectas"><meta name="generator" content="cvt-whatsapp"><p>x</p></div>`,
      OPTIONS,
    );
    expect(parse(out)('body meta')).toHaveLength(0);
  });

  test('keeps a nested section of the same class once', () => {
    const out = renderer.offlineReportPage(
      '<div class="notasDirectas"><p>Uno</p><div class="notasDirectas"><p>Dos</p></div></div>',
      OPTIONS,
    );
    const $$ = parse(out);
    expect($$('h2')).toHaveLength(1);
    expect($$('p').filter((_, p) => $$(p).text() === 'Dos')).toHaveLength(1);
  });

  test('shows a section nested in another section once, under its own heading', () => {
    const out = renderer.offlineReportPage(
      '<div class="notasDirectas"><p>Directa</p><div class="notasContexto"><p>Contexto</p></div></div>',
      OPTIONS,
    );
    const $$ = parse(out);
    expect($$('p').filter((_, p) => $$(p).text() === 'Contexto')).toHaveLength(1);
    expect(sectionOf($$, 'Notas de Contexto').text()).toContain('Contexto');
    expect(sectionOf($$, 'Notas Directas').text()).not.toContain('Contexto');
  });

  test.prop([fc.string({ maxLength: 300 })])('never throws on arbitrary text', (html) => {
    expect(() => renderer.offlineReportPage(html, OPTIONS)).not.toThrow();
  });
});
