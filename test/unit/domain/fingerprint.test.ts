import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { newsletterFingerprint } from '../../../src/domain/newsletter/fingerprint.ts';
import type { NewsItem } from '../../../src/domain/newsletter/news-item.ts';

const text = fc.string({ unit: 'grapheme', maxLength: 30 });
const item = fc.record({ headline: text, url: text, source: fc.option(text, { nil: null }) });
const items = fc.array(item, { maxLength: 8 });

/** What the fingerprint promises to depend on: the set of (headline, URL) pairs, headlines compared loosely. */
function identity(list: readonly NewsItem[]): string {
  const pairs = new Set(
    list.map((i) =>
      JSON.stringify([
        i.headline
          .replace(/[\s\u00a0\u200b]+/gu, ' ')
          .trim()
          .toLowerCase(),
        i.url,
      ]),
    ),
  );
  return JSON.stringify([...pairs].sort());
}

describe('newsletterFingerprint', () => {
  test('is a SHA-256 hex digest', () => {
    expect(newsletterFingerprint([{ headline: 'Titular de prueba', url: 'https://a.example/', source: null }])).toMatch(/^[0-9a-f]{64}$/u);
  });

  test.prop([items, fc.func(fc.integer())])('does not depend on order, duplicates or sources', (list, rank) => {
    const reordered = [...list, ...list].map((i) => ({ ...i, source: 'otra fuente' })).sort((a, b) => rank(a) - rank(b));
    expect(newsletterFingerprint(reordered)).toBe(newsletterFingerprint(list));
  });

  test.prop([items])('does not depend on the case or spacing of headlines', (list) => {
    const loose = list.map((i) => ({ ...i, headline: ` ${i.headline.toUpperCase().replace(/ /gu, '\u00a0 ')}\n` }));
    fc.pre(list.every((i) => i.headline.toUpperCase().toLowerCase() === i.headline.toLowerCase()));
    expect(newsletterFingerprint(loose)).toBe(newsletterFingerprint(list));
  });

  test.prop([items, items])('differs exactly when the set of (headline, URL) pairs differs', (a, b) => {
    if (identity(a) === identity(b)) expect(newsletterFingerprint(a)).toBe(newsletterFingerprint(b));
    else expect(newsletterFingerprint(a)).not.toBe(newsletterFingerprint(b));
  });

  test('a separator inside a headline or URL cannot make two newsletters look alike', () => {
    const a = [{ headline: 'uno\tdos', url: 'https://a.example/', source: null }];
    const b = [{ headline: 'uno', url: 'dos\thttps://a.example/', source: null }];
    const c = [{ headline: 'x', url: 'https://a.example/\ny\thttps://b.example/', source: null }];
    const d = [
      { headline: 'x', url: 'https://a.example/', source: null },
      { headline: 'y', url: 'https://b.example/', source: null },
    ];
    expect(newsletterFingerprint(a)).not.toBe(newsletterFingerprint(b));
    expect(newsletterFingerprint(c)).not.toBe(newsletterFingerprint(d));
  });

  test.prop([items.filter((l) => l.length > 0), fc.nat(), text])('changes when one headline changes', (list, index, headline) => {
    const at = index % list.length;
    const changed = list.map((i, n) => (n === at ? { ...i, headline } : i));
    fc.pre(identity(changed) !== identity(list));
    expect(newsletterFingerprint(changed)).not.toBe(newsletterFingerprint(list));
  });
});
