import { describe, expect, test } from 'vitest';
import { cssWithFontSizesAtLeast, fontSizeAtLeast, legacyFontSizePx } from '../../../src/domain/html/readable-type.ts';
import { isNewsletterChrome, newsletterLink } from '../../../src/domain/newsletter/news-item.ts';
import { newsletterDescription, newsletterTitle } from '../../../src/domain/newsletter/newsletter-page.ts';
import { checkMeltwaterNewsletter, isOnMeltwater } from '../../../src/domain/newsletter/newsletter-structure.ts';
import { err, ok } from '../../../src/domain/shared/result.ts';
import { reportDateLine } from '../../../src/domain/reports/report-date-line.ts';

describe("the e-mail's frame in a newsletter", () => {
  test.each([
    ['https://app.meltwater.com/api/public/newsletters/552e/newsletter/distribution/8a7b/html?t=1', 'Véalo en su navegador'],
    ['https://app.meltwater.com/newsletters/forward/abc?companyId=1', 'Reenviar a un amigo'],
    ['https://app.meltwater.com/newsletters/preferences/abc', 'Manage preferences'],
    ['https://app.meltwater.com/x/abc', 'Forward to a friend'],
    ['https://app.meltwater.com/x/abc', 'Administrar preferencias'],
    ['https://app.meltwater.com/x/abc', 'View it in your browser'],
  ])('%s (%s) is frame the page drops', (href, text) => {
    expect(newsletterLink(href, text).mailFrame).toBe(true);
    expect(isNewsletterChrome(href, text)).toBe(true);
  });

  test('an article is never frame, whatever its words', () => {
    const article = newsletterLink(
      'https://www.crhoy.com/tecnologia/reenviar-a-un-amigo-whatsapp/',
      'Reenviar a un amigo: la nueva función de WhatsApp',
    );
    expect(article.mailFrame).toBe(false);
    expect(article.leadsToArticle).toBe(true);
  });
});

describe('newsletter preview and title', () => {
  test('names the real number of news and the first headline', () => {
    expect(newsletterDescription(['Primera noticia del día', 'Segunda'])).toBe('2 noticias: Primera noticia del día');
    expect(newsletterDescription(['Única noticia del día'])).toBe('1 noticia: Única noticia del día');
  });

  test('names CVT once', () => {
    expect(newsletterTitle('Panel | Controles | Controles')).toBe('Panel | Controles');
    expect(newsletterTitle('Boletín matutino')).toBe('Boletín matutino | Controles');
    expect(newsletterTitle(null)).toBe('Informe de noticias | Controles');
  });
});

describe("Meltwater's structure", () => {
  test('a page needs news, a Meltwater link or image and a layout table', () => {
    const newsletter = { newsItems: 3, meltwaterReferences: 5, layoutTables: 2 };
    expect(checkMeltwaterNewsletter(newsletter)).toEqual(ok(newsletter));
    expect(checkMeltwaterNewsletter({ newsItems: 0, meltwaterReferences: 5, layoutTables: 2 })).toEqual(
      err('no news items found in the newsletter'),
    );
    expect(checkMeltwaterNewsletter({ newsItems: 3, meltwaterReferences: 0, layoutTables: 2 })).toEqual(
      err(expect.stringMatching(/^not a Meltwater newsletter/u)),
    );
    expect(checkMeltwaterNewsletter({ newsItems: 3, meltwaterReferences: 5, layoutTables: 0 })).toEqual(
      err(expect.stringMatching(/^not a Meltwater newsletter/u)),
    );
  });

  test.each([
    ['https://t.notifications.meltwater.com/v2/x?u=1', true],
    ['https://support.assets.meltwater.io/newsletters/x/logo.png', true],
    ['HTTPS://APP.MELTWATER.COM', true],
    ['https://meltwater.com.evil.example/x', false],
    ['https://evil.example/?u=https://app.meltwater.com/', false],
    ['https://user@meltwater.com.evil.example/', false],
  ])('%s is on Meltwater: %s', (address, expected) => {
    expect(isOnMeltwater(address)).toBe(expected);
  });
});

describe('readable type', () => {
  test.each([
    ['11px', 12, '12px'],
    ['12px', 12, '12px'],
    ['13px', 14, '14px'],
    ['8pt', 12, '12px'],
    ['x-small', 12, '12px'],
    ['small', 12, 'small'],
    ['0.7em', 12, 'max(0.7em,12px)'],
    ['18px', 14, '18px'],
  ])('font-size %s with a floor of %i px is %s', (value, floor, expected) => {
    expect(fontSizeAtLeast(value, floor)).toBe(expected);
  });

  test('raises every font size of a style, keeping !important', () => {
    expect(cssWithFontSizesAtLeast('color:#808080; font-size: 11px !important;padding:2px', 12)).toBe(
      'color:#808080; font-size:12px!important;padding:2px',
    );
    expect(cssWithFontSizesAtLeast('.a{font-size:10px}.b{font-size:20px}', 12)).toBe('.a{font-size:12px}.b{font-size:20px}');
  });

  test('maps the legacy <font size>', () => {
    expect(legacyFontSizePx('1')).toBe(10);
    expect(legacyFontSizePx('3')).toBe(16);
    expect(legacyFontSizePx('-1')).toBe(13);
  });
});

describe("an offline report's date line", () => {
  test('is the first short text holding a date', () => {
    expect(reportDateLine(['Informe de monitoreo para Cliente Demo S.A.', 'Sábado 21 de noviembre de 2026 · Cliente Demo S.A.'])).toBe(
      'Sábado 21 de noviembre de 2026 · Cliente Demo S.A.',
    );
    expect(reportDateLine(['Fecha: 21/11/2026'])).toBe('Fecha: 21/11/2026');
    expect(reportDateLine(['Informe de monitoreo para Cliente Demo S.A.', 'Este correo fue enviado a ana@example.com.'])).toBeNull();
    expect(reportDateLine([`El 21 de noviembre de 2026 ${'se publicó una nota muy larga '.repeat(8)}`])).toBeNull();
  });
});
