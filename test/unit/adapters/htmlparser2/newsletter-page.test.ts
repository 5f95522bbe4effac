import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Htmlparser2ReportRenderer } from '../../../../src/adapters/htmlparser2/htmlparser2.report-renderer.adapter.ts';
import type { PagePreview } from '../../../../src/domain/html/page-head.ts';
import { collapseWhitespace } from '../../../../src/domain/shared/text.ts';
import {
  meltwaterNewsletterHtml,
  newsItemsArbitrary,
  sentAtArbitrary,
  tokenArbitrary,
  type NewsletterItem,
} from '../../../support/meltwater-newsletter.ts';
import { fixedWidthsAbove, parse, unsafeConstructs } from './html-assertions.ts';

const renderer = new Htmlparser2ReportRenderer();
const newsletterPage = (html: string, preview: PagePreview): string => renderer.readNewsletter(html).page(preview);

const PREVIEW: PagePreview = {
  title: 'Boletín matutino | Controles',
  description: '3 noticias: Gobierno anuncia nuevo plan fiscal',
  url: 'https://media.controles.co.cr/informesmw/6734a46da330314a4cd0c3da.html',
  imageUrl: 'https://media.controles.co.cr/img/preview.png',
};

const ITEMS: NewsletterItem[] = [
  {
    headline: 'Gobierno anuncia nuevo plan fiscal para 2025',
    url: 'https://www.nacion.com/el-pais/politica/plan-fiscal-2025/',
    source: 'La Nación',
    date: 'May 12, 2024',
  },
  {
    headline: 'Exportaciones de café crecen un 15% en el primer trimestre',
    url: 'https://www.elfinancierocr.com/economia/cafe-exportaciones/?id=42',
    source: 'El Financiero',
    date: '12/5/2024 07:15',
  },
  {
    headline: 'ICE anuncia rebaja en tarifas eléctricas & "ajustes"',
    url: 'https://www.crhoy.com/nacionales/ice-tarifas/',
    source: 'CRHoy.com',
    date: '2024-05-12 06:00',
  },
];

const SOURCE = meltwaterNewsletterHtml({
  title: 'Boletín matutino',
  items: ITEMS,
  token: 'a1b2c3d4e5f6a1b2c3d4e5f6',
  sentAt: new Date('2024-05-12T14:00:00Z'),
});

describe('Htmlparser2ReportRenderer.readNewsletter(…).page', () => {
  const page = newsletterPage(SOURCE, PREVIEW);
  const $ = parse(page);

  test('is a Spanish HTML5 page readable on a phone', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect($('html').attr('lang')).toBe('es');
    expect($('meta[name="viewport"]').attr('content')).toBe('width=device-width, initial-scale=1');
    expect($('meta[charset]').attr('charset')?.toLowerCase()).toBe('utf-8');
    // Meltwater's own META charset is replaced by ours: exactly one declaration is left.
    expect($('meta[charset], meta[http-equiv]')).toHaveLength(1);
  });

  test("carries CVT's title and the link preview", () => {
    expect($('title')).toHaveLength(1);
    expect($('title').text()).toBe(PREVIEW.title);
    expect($('meta[property="og:title"]').attr('content')).toBe(PREVIEW.title);
    expect($('meta[property="og:description"]').attr('content')).toBe(PREVIEW.description);
    expect($('meta[property="og:url"]').attr('content')).toBe(PREVIEW.url);
    expect($('meta[property="og:image"]').attr('content')).toBe(PREVIEW.imageUrl);
    expect($('head meta[property^="og:"]').length).toBeGreaterThanOrEqual(4);
  });

  test.each([
    [
      'without html, head or body',
      `<title>Boletín</title><table><tr><td><a href="${ITEMS[0]!.url}">${ITEMS[0]!.headline}</a></td></tr></table>`,
    ],
    [
      'with a head and no body',
      `<html><head><title>Boletín</title></head><table><tr><td><a href="${ITEMS[0]!.url}">${ITEMS[0]!.headline}</a></td></tr></table></html>`,
    ],
    [
      'with a block in its head',
      `<html><head><title>Boletín</title><div><a href="${ITEMS[0]!.url}">${ITEMS[0]!.headline}</a></div></head></html>`,
    ],
  ])("carries CVT's head and the news in the body of a newsletter written %s, as a browser reads it", (_, source) => {
    const $$ = parse(newsletterPage(source, PREVIEW));
    expect($$('html').attr('lang')).toBe('es');
    expect($$('title').text()).toBe(PREVIEW.title);
    expect($$('head meta[property="og:title"]').attr('content')).toBe(PREVIEW.title);
    expect($$('body a').attr('href')).toBe(ITEMS[0]!.url);
    expect($$('body').text()).toContain(ITEMS[0]!.headline);
  });

  test('leaves out og:image when there is no preview image', () => {
    const $$ = parse(newsletterPage(SOURCE, { ...PREVIEW, imageUrl: null }));
    expect($$('meta[property="og:image"]')).toHaveLength(0);
  });

  test('escapes the preview texts', () => {
    const hostile = newsletterPage(SOURCE, {
      ...PREVIEW,
      title: '</title><script>alert(1)</script>',
      description: '"><img src=x onerror=alert(1)>',
    });
    const $$ = parse(hostile);
    expect($$('title').text()).toBe('</title><script>alert(1)</script>');
    expect($$('meta[property="og:description"]').attr('content')).toBe('"><img src=x onerror=alert(1)>');
    expect(unsafeConstructs(hostile)).toEqual([]);
  });

  test('has no fixed width above 320 px, and images scale', () => {
    expect(fixedWidthsAbove(SOURCE, 320).length).toBeGreaterThan(0);
    expect(fixedWidthsAbove(page, 320)).toEqual([]);
    const main = $('table[style*="max-width:800px"]');
    expect(main.length).toBeGreaterThan(0);
    expect(main.first().attr('width')).toBe('100%');
    $('img').each((_, image) => {
      expect(image.attribs['style']).toMatch(/max-width:100%/u);
    });
  });

  test("drops Meltwater's unsubscribe paragraph and open-tracking pixel, keeps the footer image", () => {
    expect(page).not.toMatch(/unsubscribe/iu);
    expect(page).not.toContain('Click Here');
    expect(page).not.toContain('t.notifications.meltwater.com');
    expect($('img[alt="Footer"]')).toHaveLength(1);
  });

  test('links every headline to its real article, never to a Meltwater redirect', () => {
    for (const item of ITEMS) {
      const link = $('a').filter((_, a) => collapseWhitespace($(a).text()) === item.headline);
      expect(link, item.headline).toHaveLength(1);
      expect(link.attr('href')).toBe(item.url);
    }
    expect(page).not.toContain('mwTransition');
  });

  test('is sanitised and marked as generated', () => {
    expect(unsafeConstructs(page)).toEqual([]);
    expect(renderer.isGeneratedPage(page)).toBe(true);
    expect(renderer.isGeneratedPage(SOURCE)).toBe(false);
  });

  test('is rendered from the parse the news were read from, as often as asked, the news untouched', () => {
    const document = renderer.readNewsletter(SOURCE);
    const items = structuredClone(document.items);
    const first = document.page(PREVIEW);
    expect(first).toBe(page);
    expect(document.page(PREVIEW)).toBe(first);
    const other = parse(document.page({ ...PREVIEW, title: 'Otro boletín | Controles' }));
    expect(
      other('title')
        .toArray()
        .map((title) => $(title).text()),
    ).toEqual(['Otro boletín | Controles']);
    expect(other('body').html()).toBe($('body').html());
    expect(document.items).toEqual(items);
  });

  test.prop([newsItemsArbitrary(), tokenArbitrary, sentAtArbitrary], { numRuns: 60 })(
    'keeps every headline and unwraps every link, for any newsletter',
    (items, token, sentAt) => {
      const source = meltwaterNewsletterHtml({ title: 'Informe', items, token, sentAt });
      const out = newsletterPage(source, PREVIEW);
      const $$ = parse(out);
      const links = new Map(
        $$('a[href]')
          .toArray()
          .map((a) => [collapseWhitespace($$(a).text()), a.attribs['href']]),
      );
      for (const item of items) expect(links.get(item.headline)).toBe(item.url);
      expect(out).not.toContain(token);
      expect(fixedWidthsAbove(out, 320)).toEqual([]);
      expect(unsafeConstructs(out)).toEqual([]);
      expect(renderer.isGeneratedPage(out)).toBe(true);
    },
  );

  test.prop([
    fc.constantFrom('800', '800px', '640', ' 1024 '),
    fc.constantFrom('width:800px', 'WIDTH: 800PX !important', 'min-width:700px', 'width:760px;min-width: 760px', 'width:800'),
  ])('makes odd fixed widths fluid too', (attribute, style) => {
    const out = newsletterPage(
      `<table width="${attribute}" style="${style}"><tr><td>x</td></tr></table><img src="a.png" width="600" height="300">`,
      PREVIEW,
    );
    expect(fixedWidthsAbove(out, 320)).toEqual([]);
    const $$ = parse(out);
    expect($$('table').attr('style')).toMatch(/max-width:\s*\d+px/u);
    expect($$('img').attr('height')).toBeUndefined();
  });

  test('takes linear time on a style with a long blank run', () => {
    const started = performance.now();
    newsletterPage(`<div style=";width:900${' '.repeat(100_000)}x">a</div>`, PREVIEW);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test('leaves small fixed widths (icons, spacers) alone', () => {
    const $$ = parse(newsletterPage('<table width="300"><tr><td width="20" style="width:20px">x</td></tr></table>', PREVIEW));
    expect($$('table').attr('width')).toBe('300');
    expect($$('td').attr('style')).toBe('width:20px');
  });

  test('keeps a headline that merely mentions unsubscribing', () => {
    const items: NewsletterItem[] = [
      {
        headline: 'Usuarios piden poder darse de baja de servicios con un clic',
        url: 'https://www.nacion.com/economia/darse-de-baja/',
        source: 'La Nación',
        date: 'May 12, 2024',
      },
      {
        headline: 'How to unsubscribe from streaming services before prices rise',
        url: 'https://www.crhoy.com/tecnologia/unsubscribe-streaming/',
        source: 'CRHoy.com',
        date: 'May 12, 2024',
      },
    ];
    const out = newsletterPage(
      meltwaterNewsletterHtml({ title: 'Informe', items, token: 'ffffffffffffffffffffffff', sentAt: new Date() }),
      PREVIEW,
    );
    for (const item of items) expect(out).toContain(item.url);
    expect(out).not.toContain('newsletters-unsubscribe');
  });

  test('makes the hand-written newsletter with odd markup responsive and safe', () => {
    const source = readFileSync(new URL('../../../fixtures/html/meltwater-newsletter-odd.html', import.meta.url), 'utf8');
    const out = newsletterPage(source, PREVIEW);
    const $$ = parse(out);
    expect(fixedWidthsAbove(out, 320)).toEqual([]);
    // The template's style sheet fixed the wrapper with !important, which would beat any inline style.
    expect($$('style').text()).not.toMatch(/(^|[\s;{])width:\s*800px/u);
    expect(unsafeConstructs(out)).toEqual([]);
    expect(out).not.toContain('_mwq');
    expect(out).not.toMatch(/unsubscribe/iu);
    expect(out).not.toContain('t.notifications.meltwater.com');
    expect($$('a[href="https://www.larepublica.net/noticia/reforma-educativa"]').length).toBeGreaterThan(0);
    expect($$('a[href="https://www.elobservador.cr/economia/ccss-deficit/"]').text()).toContain('CCSS reporta déficit');
    expect($$('a[href="https://www.ameliarueda.com/nota/bccr-tpm?utm_source=meltwater&id=7"]')).toHaveLength(1);
    expect($$('img[alt="Footer"]').attr('width')).toBe('100%');
    expect($$('center').length).toBeGreaterThan(0);
    expect($$('font').length).toBeGreaterThan(0);
  });

  test('the captured newsletter fixture renders like a freshly generated one', () => {
    const source = readFileSync(new URL('../../../fixtures/html/meltwater-newsletter.html', import.meta.url), 'utf8');
    const out = newsletterPage(source, PREVIEW);
    expect(fixedWidthsAbove(out, 320)).toEqual([]);
    expect(unsafeConstructs(out)).toEqual([]);
    // The distribution's token (in tracking links, the pixel and the unsubscribe link) is gone from the page.
    expect(parse(out)('body').html()).not.toContain('6734a46da330314a4cd0c3da');
  });
});
