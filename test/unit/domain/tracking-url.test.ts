import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { canonicalArticleUrl, isMeltwaterHost, unwrapTrackingUrl } from '../../../src/domain/meltwater/tracking-url.ts';
import { articleUrl, trackingWrapper } from '../../support/arbitraries/meltwater.arb.ts';

const ARTICLE = 'https://www.nacion.com/el-pais/politica/nota.html?id=42&page=2';
const once = encodeURIComponent(ARTICLE);
const twice = encodeURIComponent(once);

describe('unwrapTrackingUrl', () => {
  it.each([
    ['a notifications redirect', `https://t.notifications.meltwater.com/v2/x?m=webhook&u=${once}`],
    ['a notifications redirect encoded twice', `https://t.notifications.meltwater.com/v2/x?m=webhook&u=${twice}`],
    ['a notifications redirect encoded three times', `https://t.notifications.meltwater.com/v2/x?u=${encodeURIComponent(twice)}&m=webhook`],
    ['an mwTransition redirect', `https://app.meltwater.com/mwTransition?url=${once}&uId=abc`],
    ['an mwTransition redirect encoded twice', `https://app.meltwater.com/mwTransition?url=${twice}`],
    [
      'a redirect inside a redirect',
      `https://app.meltwater.com/mwTransition?url=${encodeURIComponent(`https://t.notifications.meltwater.com/x?u=${once}`)}`,
    ],
  ])('returns the article behind %s', (_, wrapped) => {
    expect(unwrapTrackingUrl(wrapped)).toBe(ARTICLE);
  });

  it.each([
    'https://www.nacion.com/buscar?url=https%3A%2F%2Fotro.com%2F',
    'https://transition.meltwater.com/paywall/redirect/abc123?productType=alerts',
    'https://t.notifications.meltwater.com/v2/x?u=not-a-url',
    'https://t.notifications.meltwater.com/v2/x?u=%E0%A4%A',
    'no es un enlace',
    '',
  ])('leaves %j as it is', (url) => {
    expect(unwrapTrackingUrl(url)).toBe(url);
  });

  test.prop([articleUrl, trackingWrapper])('recovers any article from any Meltwater redirect', (article, wrap) => {
    expect(unwrapTrackingUrl(wrap(article))).toBe(article);
  });

  test.prop([articleUrl])('leaves links that are not Meltwater redirects alone', (article) => {
    expect(unwrapTrackingUrl(article)).toBe(article);
  });

  test.prop([fc.string({ maxLength: 200 })])('never throws', (text) => {
    expect(typeof unwrapTrackingUrl(text)).toBe('string');
  });
});

describe('isMeltwaterHost', () => {
  it('recognises Meltwater hosts and not look-alikes', () => {
    expect(isMeltwaterHost('t.notifications.meltwater.com')).toBe(true);
    expect(isMeltwaterHost('meltwater.com')).toBe(true);
    expect(isMeltwaterHost('notmeltwater.com')).toBe(false);
    expect(isMeltwaterHost('meltwater.com.evil.example')).toBe(false);
  });
});

describe('canonicalArticleUrl', () => {
  it('drops utm_* parameters and the fragment, keeps meaningful parameters', () => {
    expect(canonicalArticleUrl('https://WWW.Nacion.com/nota?utm_source=mw&id=42&utm_medium=email&fbclid=x#comentarios')).toBe(
      'https://www.nacion.com/nota?id=42',
    );
  });

  it('orders parameters so that their order does not matter', () => {
    expect(canonicalArticleUrl('https://a.cr/n?b=2&a=1')).toBe(canonicalArticleUrl('https://a.cr/n?a=1&b=2'));
  });

  it('unwraps Meltwater redirects first', () => {
    expect(canonicalArticleUrl(`https://t.notifications.meltwater.com/v2/x?u=${twice}`)).toBe(canonicalArticleUrl(ARTICLE));
  });

  it('keeps only the path of links that stay on Meltwater, whose query holds per-send tokens', () => {
    expect(canonicalArticleUrl('https://transition.meltwater.com/paywall/redirect/abc?productType=alerts&token=1')).toBe(
      'https://transition.meltwater.com/paywall/redirect/abc',
    );
  });

  test.prop([articleUrl, fc.stringMatching(/^[a-z0-9]{1,10}$/u), fc.stringMatching(/^[a-z]{0,10}$/u)])(
    'gives the same URL with or without marketing parameters and fragment',
    (article, campaign, fragment) => {
      const separator = article.includes('?') ? '&' : '?';
      const marketed = `${article}${separator}utm_source=meltwater&utm_campaign=${campaign}#${fragment}`;
      expect(canonicalArticleUrl(marketed)).toBe(canonicalArticleUrl(article));
    },
  );

  test.prop([fc.oneof(articleUrl, fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string({ maxLength: 60 }))])(
    'is idempotent',
    (url) => {
      const canonical = canonicalArticleUrl(url);
      expect(canonicalArticleUrl(canonical)).toBe(canonical);
    },
  );
});
