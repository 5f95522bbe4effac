import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Htmlparser2ReportRenderer } from '../../../../src/adapters/htmlparser2/htmlparser2.report-renderer.adapter.ts';
import { newsletterFingerprint } from '../../../../src/domain/newsletter/fingerprint.ts';
import {
  headlineArbitrary,
  articleUrlArbitrary,
  meltwaterNewsletterHtml,
  newsItemArbitrary,
  newsItemsArbitrary,
  sentAtArbitrary,
  tokenArbitrary,
  type NewsletterItem,
} from '../../../support/meltwater-newsletter.ts';

const renderer = new Htmlparser2ReportRenderer();
const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/html/${name}`, import.meta.url), 'utf8');

const expected = (items: readonly NewsletterItem[]) => items.map(({ headline, url, source }) => ({ headline, url, source }));
const fingerprintOf = (html: string): string => newsletterFingerprint(renderer.readNewsletter(html).items);

describe('Htmlparser2ReportRenderer.readNewsletter', () => {
  test.prop([newsItemsArbitrary(), tokenArbitrary, sentAtArbitrary, fc.string({ minLength: 1, maxLength: 40 })], { numRuns: 80 })(
    'extracts exactly the news items and the title',
    (items, token, sentAt, title) => {
      const document = renderer.readNewsletter(meltwaterNewsletterHtml({ title, items, token, sentAt }));
      expect(document.items).toEqual(expected(items));
      expect(document.title).toBe(title.replace(/[\s\u00a0\u200b]+/gu, ' ').trim() || null);
    },
  );

  test('reads the captured newsletter fixture', () => {
    const document = renderer.readNewsletter(fixture('meltwater-newsletter.html'));
    expect(document.title).toBe('Boletín Controles – mañana');
    expect(document.items).toEqual([
      {
        headline: 'Gobierno anuncia nuevo plan fiscal para 2025',
        url: 'https://www.nacion.com/el-pais/politica/plan-fiscal-2025/',
        source: 'La Nación',
      },
      {
        headline: 'Exportaciones de café crecen un 15% en el primer trimestre',
        url: 'https://www.elfinancierocr.com/economia/cafe-exportaciones/?id=42',
        source: 'El Financiero',
      },
      {
        headline: 'ICE anuncia rebaja en tarifas eléctricas & "ajustes"',
        url: 'https://www.crhoy.com/nacionales/ice-tarifas/',
        source: 'CRHoy.com',
      },
      {
        headline: 'Alerta amarilla por lluvias en Limón y la Zona Norte',
        url: 'https://www.teletica.com/nacionales/alerta-amarilla-lluvias/',
        source: 'Teletica Canal 7',
      },
    ]);
  });

  test('reads the hand-written newsletter with odd markup', () => {
    const document = renderer.readNewsletter(fixture('meltwater-newsletter-odd.html'));
    expect(document.title).toBe('Resumen de prensa');
    expect(document.items).toEqual([
      {
        headline: 'Asamblea aprueba reforma educativa en primer debate',
        url: 'https://www.larepublica.net/noticia/reforma-educativa',
        source: 'La República',
      },
      {
        headline: 'CCSS reporta déficit de ₡150 000 millones',
        url: 'https://www.elobservador.cr/economia/ccss-deficit/',
        source: 'El Observador',
      },
      {
        headline: 'Banco Central mantiene la tasa de política monetaria',
        url: 'https://www.ameliarueda.com/nota/bccr-tpm?id=7',
        source: 'AmeliaRueda.com',
      },
      {
        headline: 'Turismo rompe récord de visitantes en Guanacaste',
        url: 'https://ausprint.meltwater.com/print_clip_previewer/5f1e2d3c',
        source: 'Diario Extra',
      },
    ]);
  });

  test('ignores the unsubscribe link, the footer, the pixel, the logo and short links', () => {
    const html = `<html><head><title>X</title></head><body>
      <a href="https://www.meltwater.com/"><img alt="Meltwater" src="logo.png"></a>
      <a href="https://www.meltwater.com/">Meltwater — media intelligence</a>
      <a href="https://app.meltwater.com/newsletters/view/abc123">View this newsletter in your browser</a>
      <a href="https://www.nacion.com/a/">Leer más</a>
      <a href="mailto:prensa@controles.co.cr">prensa@controles.co.cr — escríbanos</a>
      <a href="/relative/path">A relative link to somewhere</a>
      <a href="#top">Volver al inicio de la página</a>
      <img src="https://t.notifications.meltwater.com/open?d=abc">
      <img alt="Footer" border="0" src="https://support.assets.meltwater.io/x/footer.png">
      <p style="color:#808080;text-align:center;font-size:12px">To unsubscribe from this newsletter <a href="https://app.meltwater.com/newsletters-unsubscribe/abc?companyId=552e72ccbd555c1e62082adc">Click Here to unsubscribe now</a></p>
      <a href="https://app.meltwater.com/newsletters-unsubscribe/abc?companyId=x">Darse de baja de este boletín</a>
    </body></html>`;
    expect(renderer.readNewsletter(html).items).toEqual([]);
  });

  test('keeps a headline about unsubscribing that links to an article', () => {
    const items = [
      {
        headline: 'Cómo darse de baja de servicios de streaming',
        url: 'https://www.crhoy.com/tecnologia/darse-de-baja/',
        source: 'CRHoy.com',
        date: 'May 1, 2024',
      },
    ];
    expect(
      renderer.readNewsletter(meltwaterNewsletterHtml({ title: 'X', items, token: '0'.repeat(24), sentAt: new Date() })).items,
    ).toEqual(expected(items));
  });

  test('canonicalises article URLs: marketing parameters and fragments go, the host is lower-cased', () => {
    const html = `<table><tr><td><a href="https://t.notifications.meltwater.com/v2/x?m=newsletter&u=${encodeURIComponent(encodeURIComponent('https://WWW.Nacion.com/a/b/?utm_source=mw&id=3#comentarios'))}&t=x">Un titular suficientemente largo</a></td><td>La Nación</td></tr></table>`;
    expect(renderer.readNewsletter(html).items).toEqual([
      { headline: 'Un titular suficientemente largo', url: 'https://www.nacion.com/a/b/?id=3', source: 'La Nación' },
    ]);
  });

  test('keeps one item per headline behind redirects it cannot peel', () => {
    // Were Meltwater to change its tracking format, every link would look like the same Meltwater URL.
    const html = ['Primer titular bastante largo', 'Segundo titular bastante largo']
      .map((headline, i) => `<p><a href="https://t.notifications.meltwater.com/v3/c/opaque${i}?t=${i}">${headline}</a></p>`)
      .join('');
    expect(renderer.readNewsletter(html).items.map((item) => item.headline)).toEqual([
      'Primer titular bastante largo',
      'Segundo titular bastante largo',
    ]);
  });

  // Broken markup is read as a browser reads it (the HTML standard's recovery), not as htmlparser2 nests it.
  test('ends a link where another link starts inside it: the inner headline is one item, not part of the outer link', () => {
    const html = `<table><tr><td><a href="https://www.crhoy.com/portada">Portada <a href="https://www.nacion.com/el-pais/plan-fiscal/">Gobierno anuncia nuevo plan fiscal para 2025</a> hoy</a><br>La Nación</td></tr></table>`;
    expect(renderer.readNewsletter(html).items).toEqual([
      { headline: 'Gobierno anuncia nuevo plan fiscal para 2025', url: 'https://www.nacion.com/el-pais/plan-fiscal/', source: 'hoy' },
    ]);
  });

  test('does not take text written between the parts of a table for the context of its headlines', () => {
    const html = `<table><p>Publicidad fuera de lugar</p>Texto suelto<tr><td><a href="https://www.nacion.com/el-pais/plan-fiscal/">Gobierno anuncia nuevo plan fiscal para 2025</a></td></tr></table>`;
    const document = renderer.readNewsletter(html);
    expect(document.items).toEqual([
      { headline: 'Gobierno anuncia nuevo plan fiscal para 2025', url: 'https://www.nacion.com/el-pais/plan-fiscal/', source: null },
    ]);
    expect(document.page({ title: 'Boletín', description: '1 noticia', url: 'https://media.example/b.html', imageUrl: null })).toMatch(
      /Publicidad fuera de lugar<\/p>Texto suelto<table/u,
    );
  });

  test.prop([newsItemsArbitrary(), tokenArbitrary, sentAtArbitrary], { numRuns: 20 })(
    'reads a newsletter whose lines end with CR LF as the same newsletter, and renders the same page',
    (items, token, sentAt) => {
      const html = meltwaterNewsletterHtml({ title: 'Resumen\nmatutino', items, token, sentAt });
      const crlf = renderer.readNewsletter(html.replace(/\n/gu, '\r\n'));
      const lf = renderer.readNewsletter(html);
      expect({ title: crlf.title, items: crlf.items }).toEqual({ title: lf.title, items: lf.items });
      const preview = { title: 'Boletín', description: 'noticias', url: 'https://media.example/b.html', imageUrl: null };
      expect(crlf.page(preview)).toBe(lf.page(preview));
    },
  );

  test.prop([fc.string({ maxLength: 400 })])('never throws on arbitrary text', (html) => {
    expect(() => renderer.readNewsletter(html)).not.toThrow();
  });
});

describe('newsletter fingerprint of a rendered newsletter', () => {
  const render = (items: readonly NewsletterItem[], token: string, sentAt: Date, title = 'Informe') =>
    meltwaterNewsletterHtml({ title, items, token, sentAt });

  test.prop([newsItemsArbitrary(), tokenArbitrary, tokenArbitrary, sentAtArbitrary, sentAtArbitrary, fc.string()], { numRuns: 60 })(
    'does not change with tokens, timestamps, unsubscribe ids or the title',
    (items, token1, token2, sentAt1, sentAt2, title) => {
      expect(fingerprintOf(render(items, token2, sentAt2, title))).toBe(fingerprintOf(render(items, token1, sentAt1)));
    },
  );

  test.prop(
    [
      newsItemsArbitrary({ minLength: 2 }).chain((items) =>
        fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length })),
      ),
      tokenArbitrary,
      sentAtArbitrary,
    ],
    { numRuns: 60 },
  )('does not change with the order of the items', ([items, shuffled], token, sentAt) => {
    // Reordering also moves items between the two redirect styles, which must not matter either.
    expect(fingerprintOf(render(shuffled, token, sentAt))).toBe(fingerprintOf(render(items, token, sentAt)));
  });

  test.prop([newsItemsArbitrary(), fc.nat(), headlineArbitrary, tokenArbitrary, sentAtArbitrary], { numRuns: 60 })(
    'changes when one headline changes',
    (items, index, headline, token, sentAt) => {
      const at = index % items.length;
      fc.pre(items.every((item) => item.headline.toLowerCase() !== headline.toLowerCase()));
      const changed = items.map((item, i) => (i === at ? { ...item, headline } : item));
      expect(fingerprintOf(render(changed, token, sentAt))).not.toBe(fingerprintOf(render(items, token, sentAt)));
    },
  );

  test.prop([newsItemsArbitrary(), fc.nat(), articleUrlArbitrary, tokenArbitrary, sentAtArbitrary], { numRuns: 60 })(
    'changes when one article link changes',
    (items, index, url, token, sentAt) => {
      const at = index % items.length;
      fc.pre(items.every((item) => item.url !== url));
      const changed = items.map((item, i) => (i === at ? { ...item, url } : item));
      expect(fingerprintOf(render(changed, token, sentAt))).not.toBe(fingerprintOf(render(items, token, sentAt)));
    },
  );

  test.prop([newsItemsArbitrary(), newsItemArbitrary, fc.nat(), tokenArbitrary, sentAtArbitrary], { numRuns: 60 })(
    'changes when an item is added or removed',
    (items, extra, index, token, sentAt) => {
      fc.pre(items.every((item) => item.url !== extra.url && item.headline.toLowerCase() !== extra.headline.toLowerCase()));
      const base = fingerprintOf(render(items, token, sentAt));
      const added = [...items.slice(0, index % (items.length + 1)), extra, ...items.slice(index % (items.length + 1))];
      expect(fingerprintOf(render(added, token, sentAt))).not.toBe(base);
      const removed = items.filter((_, i) => i !== index % items.length);
      expect(fingerprintOf(render(removed, token, sentAt))).not.toBe(base);
    },
  );
});
