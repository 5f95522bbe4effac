import { describe, expect, test } from 'vitest';
import { Htmlparser2ReportRenderer } from '../../../../src/adapters/htmlparser2/htmlparser2.report-renderer.adapter.ts';
import type { OfflineReportPageOptions } from '../../../../src/application/ports/report-renderer.port.ts';
import { collapseWhitespace } from '../../../../src/domain/shared/text.ts';
import { fixtureHtml } from '../../../support/report-page-fixtures.ts';
import { parse, unsafeConstructs } from './html-assertions.ts';

const renderer = new Htmlparser2ReportRenderer();
const OPTIONS: OfflineReportPageOptions = {
  title: 'Informe matutino',
  url: 'https://media.controles.co.cr/informes/abc123.html',
  headerImageUrl: 'https://media.controles.co.cr/assets/cvt-header.png',
  footerImageUrl: 'https://media.controles.co.cr/assets/cvt-footer.png',
  previewImageUrl: 'https://media.controles.co.cr/assets/cvt-preview.png',
};

describe('an offline report page, read by a client (issue 12)', () => {
  const $ = parse(renderer.offlineReportPage(fixtureHtml('cvt-offline-report-full.html'), OPTIONS));

  test("keeps the report's date and client under the title", () => {
    expect(collapseWhitespace($('h1 + .cvt-dateline').text())).toBe('Sábado 21 de noviembre de 2026 · Cliente Demo S.A.');
    expect($('body').text()).not.toContain('Informe de monitoreo para');
  });

  test('sets each news item apart, its headline first', () => {
    const items = $('.cvt-item').toArray();
    expect(items).toHaveLength(5);
    for (const item of items) {
      expect($(item).find('a')).toHaveLength(1);
      expect($(item).find('a').first().text().length).toBeGreaterThan(15);
    }
  });

  test('raises the small outlet and summary type of the source', () => {
    const outlet = $('.medio').first().attr('style') ?? '';
    expect(outlet).toContain('font-size:12px');
    const summary = $('.resumen')
      .toArray()
      .find((element) => $(element).text().length >= 60);
    expect(summary?.attribs['style']).toContain('font-size:14px');
  });

  test('previews with the card, and shows the header and footer images', () => {
    expect($('meta[property="og:image"]').attr('content')).toBe(OPTIONS.previewImageUrl);
    expect(
      $('.cvt-banner img')
        .toArray()
        .map((image) => image.attribs['src']),
    ).toEqual([OPTIONS.headerImageUrl, OPTIONS.footerImageUrl]);
  });

  test('leaves out a section CVT left without notes', () => {
    const $$ = parse(renderer.offlineReportPage(fixtureHtml('cvt-offline-report-empty-sections.html'), OPTIONS));
    expect(
      $$('h2')
        .toArray()
        .map((h2) => $$(h2).text()),
    ).toEqual(['Notas Directas']);
  });

  test('shows a text masthead when there is no header image', () => {
    const page = renderer.offlineReportPage(fixtureHtml('cvt-offline-report-one-section.html'), {
      ...OPTIONS,
      headerImageUrl: null,
      footerImageUrl: null,
      previewImageUrl: null,
    });
    const $$ = parse(page);
    expect($$('.cvt-banner')).toHaveLength(0);
    expect($$('.cvt-masthead').text()).toBe('Monitoreo de medios');
    expect($$('meta[property="og:image"]')).toHaveLength(0);
    expect(unsafeConstructs(page)).toEqual([]);
  });
});
