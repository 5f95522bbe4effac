import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  isDateLike,
  isNewsletterChrome,
  isUnsubscribeLink,
  newsItemFromLink,
  newsletterLink,
  sourceFromContext,
} from '../../../src/domain/newsletter/news-item.ts';
import { parseHttpUrl, unwrapTrackingUrl } from '../../../src/domain/meltwater/tracking-url.ts';
import { isTrackingPixel } from '../../../src/domain/newsletter/newsletter-page.ts';
import { dateArbitrary, SOURCES, trackedUrl } from '../../support/meltwater-newsletter.ts';

const ARTICLE = 'https://www.nacion.com/el-pais/politica/plan-fiscal/';
const UNSUBSCRIBE = 'https://app.meltwater.com/newsletters-unsubscribe/6734a46d?companyId=552e72ccbd555c1e62082adc';

describe('isUnsubscribeLink', () => {
  test.each([
    [UNSUBSCRIBE, 'Click Here'],
    ['https://app.meltwater.com/unsubscribe?x=1', 'aquí'],
    ['https://app.meltwater.com/settings', 'Unsubscribe'],
    ['https://app.meltwater.com/settings', 'Darse de baja de este boletín'],
    ['mailto:unsubscribe@meltwater.com', 'escríbanos'],
    ['https://lists.example.org/unsubscribe/abc', 'Click Here'],
  ])('recognises %s (%s)', (href, text) => {
    expect(isUnsubscribeLink(href, text)).toBe(true);
  });

  test.each([
    [ARTICLE, 'Usuarios piden poder darse de baja de servicios con un clic'],
    ['https://www.crhoy.com/tecnologia/unsubscribe-streaming/', 'How to unsubscribe from streaming services'],
    [trackedUrl('https://www.crhoy.com/tecnologia/cancelar-suscripcion/', 0, 'abc'), 'Cómo cancelar la suscripción a Netflix'],
    [trackedUrl(ARTICLE, 2, 'abc'), 'Gobierno anuncia nuevo plan fiscal'],
  ])('keeps an article link whatever its words: %s', (href, text) => {
    expect(isUnsubscribeLink(href, text)).toBe(false);
  });
});

describe('isNewsletterChrome', () => {
  test.each([
    ['https://www.meltwater.com', 'Meltwater — media intelligence'],
    ['https://www.meltwater.com/', 'Meltwater — media intelligence'],
    ['https://app.meltwater.com/newsletters/view/abc?companyId=1', 'View this newsletter in your browser'],
    ['https://app.meltwater.com/newsletters/view/abc', 'Ver este boletín en el navegador'],
    ['mailto:prensa@controles.co.cr', 'prensa@controles.co.cr — escríbanos'],
    ['/relative/path', 'Un enlace relativo cualquiera'],
    ['#top', 'Volver al inicio de la página'],
    ['javascript:alert(1)', 'Un titular con un script detrás'],
    [UNSUBSCRIBE, 'Unsubscribe from this newsletter'],
  ])('%s (%s) is chrome', (href, text) => {
    expect(isNewsletterChrome(href, text)).toBe(true);
  });

  test.each([
    [ARTICLE, 'Gobierno anuncia nuevo plan fiscal'],
    [trackedUrl(ARTICLE, 0, 'abc'), 'Gobierno anuncia nuevo plan fiscal'],
    [trackedUrl(ARTICLE, 2, 'abc'), 'Gobierno anuncia nuevo plan fiscal'],
    ['https://ausprint.meltwater.com/print_clip_previewer/5f1e2d3c', 'Turismo rompe récord en Guanacaste'],
    ['https://www.teletica.com/ver-en-linea/', 'Ver en línea el debate presidencial'],
  ])('%s (%s) is news', (href, text) => {
    expect(isNewsletterChrome(href, text)).toBe(false);
  });
});

describe('newsItemFromLink', () => {
  test('builds the item with the unwrapped, canonical URL and the source from its context', () => {
    expect(
      newsItemFromLink(trackedUrl(`${ARTICLE}?utm_source=mw#c`, 0, 'abc'), '  Gobierno anuncia\n nuevo plan fiscal ', [
        'La Nación',
        'May 12, 2024',
      ]),
    ).toEqual({
      headline: 'Gobierno anuncia nuevo plan fiscal',
      url: ARTICLE,
      source: 'La Nación',
    });
  });

  test('ignores buttons and labels', () => {
    expect(newsItemFromLink(ARTICLE, 'Leer más', null)).toBeUndefined();
    expect(newsItemFromLink(ARTICLE, 'Click Here', null)).toBeUndefined();
  });

  test('has no source without context', () => {
    expect(newsItemFromLink(ARTICLE, 'Gobierno anuncia nuevo plan fiscal', null)?.source).toBeNull();
    expect(newsItemFromLink(ARTICLE, 'Gobierno anuncia nuevo plan fiscal', ['12/05/2024'])?.source).toBeNull();
  });
});

describe('newsletterLink', () => {
  const redirect = (target: string) => `https://t.notifications.meltwater.com/v2/x?m=newsletter&u=${encodeURIComponent(target)}&t=1`;
  const hrefs = fc.oneof(
    fc.webUrl().map((url) => ` ${url} `),
    fc.tuple(fc.webUrl(), fc.nat(5)).map(([url, index]) => trackedUrl(url, index, 'abc')),
    fc.oneof(fc.webUrl(), fc.string(), fc.constantFrom('javascript:alert(1)', 'mailto:x@y.z', 'https://', '%E0%A4%A')).map(redirect),
    fc.string(),
  );

  test.prop([hrefs, fc.string()])('is a web link exactly when its href is, whatever the redirects', (href, text) => {
    expect(newsletterLink(href, text).webLink).toBe(parseHttpUrl(href.trim()) !== undefined);
  });

  test.prop([hrefs])('leads where the tracking redirects lead', (href) => {
    expect(newsletterLink(href, '').target).toBe(unwrapTrackingUrl(href));
  });
});

describe('sourceFromContext', () => {
  test.each([
    [['La Nación', 'May 12, 2024'], 'La Nación'],
    [['May 12, 2024', 'La Nación'], 'La Nación'],
    [['La República - 12 de mayo de 2024'], 'La República'],
    [['El Observador | 13/05/2024'], 'El Observador'],
    [['AmeliaRueda.com · May 13, 2024 8:30 AM'], 'AmeliaRueda.com'],
    [['Fuente: Diario Extra', 'Fecha: 14/05/2024'], 'Diario Extra'],
    [['Teletica Canal 7', '2024-05-12 06:00'], 'Teletica Canal 7'],
    [['|', '·'], null],
    [[], null],
    [['x'.repeat(200)], null],
  ])('%j → %s', (context, expected) => {
    expect(sourceFromContext(context, 'Un titular cualquiera')).toBe(expected);
  });

  test.prop([fc.constantFrom(...SOURCES), dateArbitrary, fc.boolean(), fc.constantFrom(' | ', ' · ', ' - ', null)])(
    'finds the source next to any date, in either order, in one cell or two',
    (source, date, dateFirst, separator) => {
      const parts = dateFirst ? [date, source] : [source, date];
      expect(sourceFromContext(separator === null ? parts : [parts.join(separator)], 'Titular')).toBe(source);
    },
  );
});

describe('isDateLike', () => {
  test.prop([dateArbitrary])('recognises the dates newsletters print', (date) => {
    expect(isDateLike(date)).toBe(true);
  });

  test.each(['12 de mayo de 2024', 'lunes 13 de mayo, 2024 a las 8:30 a. m.', 'May 13, 2024 8:30 AM CST', '13.05.2024', '08:15'])(
    '%s is a date',
    (text) => {
      expect(isDateLike(text)).toBe(true);
    },
  );

  test.each([...SOURCES, 'Canal 7', 'Radio Columbia', '7 Días', 'Mayo Clinic', ''])('%s is not a date', (text) => {
    expect(isDateLike(text)).toBe(false);
  });
});

describe('isTrackingPixel', () => {
  test.each([
    ['https://t.notifications.meltwater.com/open?d=abc', undefined, undefined],
    ['https://www.example.com/p.gif', '1', '1'],
    ['https://www.example.com/p.gif', '0', '0px'],
  ])('%s (%s×%s) is a tracking pixel', (src, width, height) => {
    expect(isTrackingPixel(src, width, height)).toBe(true);
  });

  test.each([
    ['https://support.assets.meltwater.io/newsletters/footer.png', undefined, undefined],
    ['https://support.assets.meltwater.io/newsletters/logo.png', '180', '40'],
    ['https://www.example.com/spacer.gif', '1', '20'],
  ])('%s (%s×%s) is an image', (src, width, height) => {
    expect(isTrackingPixel(src, width, height)).toBe(false);
  });
});
