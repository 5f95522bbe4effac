import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { hasNews, mentionEventKey, toMention, type Mention } from '../../../src/domain/meltwater/mention.ts';
import { parseSentiment, sentimentInSpanish } from '../../../src/domain/meltwater/sentiment.ts';
import { articleUrl, trackingWrapper } from '../../support/arbitraries/meltwater.arb.ts';

const ARTICLE = 'https://www.nacion.com/el-pais/nota.html';
const tracked = (token: string) =>
  `https://t.notifications.meltwater.com/v2/x?m=webhook&tok=${token}&u=${encodeURIComponent(encodeURIComponent(ARTICLE))}`;

function mention(fields: Partial<Mention>): Mention {
  return { id: null, title: null, snippet: null, outlet: null, url: null, sentiment: null, ...fields };
}

describe('toMention', () => {
  it('cleans the fields and unwraps the article link', () => {
    expect(
      toMention({
        id: ' 1713459776000_K49u ',
        title: '  Gobierno   anuncia\n plan ',
        snippet: 'Texto',
        outlet: 'La Nación',
        articleUrl: tracked('abc'),
        sentiment: '🔊 55.9k Reach — 😐 Neutral Sentiment',
      }),
    ).toEqual({
      id: '1713459776000_K49u',
      title: 'Gobierno anuncia plan',
      snippet: 'Texto',
      outlet: 'La Nación',
      url: ARTICLE,
      sentiment: 'neutral',
    });
  });

  it('keeps a mention that has only a title or only a link', () => {
    expect(toMention({ title: 'Solo título' })).toMatchObject({ title: 'Solo título', url: null, sentiment: null });
    expect(toMention({ articleUrl: ARTICLE })).toMatchObject({ title: null, url: ARTICLE });
  });

  it('drops what has neither a title nor a usable link', () => {
    expect(toMention({})).toBeUndefined();
    expect(toMention({ title: '   ', articleUrl: 'ftp://x.cr/a', snippet: 'algo', id: '1' })).toBeUndefined();
  });
});

describe('mentionEventKey', () => {
  it('uses the Meltwater id first', () => {
    expect(mentionEventKey(mention({ id: 'abc', url: ARTICLE, title: 'T' }))).toBe('id:abc');
  });

  it('uses the canonical article URL when there is no id', () => {
    const key = mentionEventKey(mention({ url: ARTICLE }));
    expect(key).toMatch(/^url:[0-9a-f]{32}$/u);
    expect(mentionEventKey(mention({ url: `${ARTICLE}?utm_source=mw#top`, title: 'otro' }))).toBe(key);
  });

  it('falls back to the title and outlet', () => {
    const key = mentionEventKey(mention({ title: 'T', outlet: 'O' }));
    expect(key).toMatch(/^text:[0-9a-f]{32}$/u);
    expect(mentionEventKey(mention({ title: 'T', outlet: 'O', snippet: 'distinto' }))).toBe(key);
    expect(mentionEventKey(mention({ title: 'T', outlet: 'P' }))).not.toBe(key);
  });

  it('gives the same key to a repeated alert whose link carries another tracking token', () => {
    const first = toMention({ title: 'Nota', articleUrl: tracked('token-1') })!;
    const repeat = toMention({ title: 'Nota', articleUrl: tracked('token-2') })!;
    expect(mentionEventKey(repeat)).toBe(mentionEventKey(first));
  });

  test.prop([articleUrl, trackingWrapper, trackingWrapper])(
    'gives one key to an article however Meltwater wraps it',
    (article, wrapA, wrapB) => {
      const a = toMention({ title: 'x', articleUrl: wrapA(article) })!;
      const b = toMention({ title: 'y', articleUrl: wrapB(article) })!;
      expect(mentionEventKey(a)).toBe(mentionEventKey(b));
    },
  );

  test.prop([articleUrl, articleUrl])('gives different articles different keys', (a, b) => {
    fc.pre(new URL(a).toString() !== new URL(b).toString());
    expect(mentionEventKey(mention({ url: new URL(a).toString() }))).not.toBe(mentionEventKey(mention({ url: new URL(b).toString() })));
  });
});

describe('parseSentiment', () => {
  it.each([
    ['🔊 55.9k Reach — 😐 Neutral Sentiment', 'neutral'],
    ['🔊 12.48M Reach — 😃 Positive', 'positive'],
    ['😠 Negative Sentiment', 'negative'],
    ['positive', 'positive'],
    ['NEGATIVE', 'negative'],
    ['Neutral', 'neutral'],
  ])('reads %j as %s', (text, sentiment) => {
    expect(parseSentiment(text)).toBe(sentiment);
  });

  it.each([undefined, '', '🔊 55.9k Reach', 'positively', 'not_rated'])('finds no sentiment in %j', (text) => {
    expect(parseSentiment(text)).toBeNull();
  });

  it('names sentiments in Spanish', () => {
    expect([sentimentInSpanish('positive'), sentimentInSpanish('negative'), sentimentInSpanish('neutral')]).toEqual([
      'Positivo',
      'Negativo',
      'Neutral',
    ]);
  });
});

describe('hasNews', () => {
  const blank = fc.string({ unit: fc.constantFrom(' ', '\n', '\t', '\u00a0', '\u200b', '\u2003', '\ufeff', '\u2028'), maxLength: 6 });
  const title = fc.oneof(
    blank,
    fc.string({ maxLength: 12 }),
    fc.tuple(blank, fc.string({ minLength: 1, maxLength: 4 }), blank).map((parts) => parts.join('')),
  );
  const link = fc.oneof(
    articleUrl,
    fc.tuple(trackingWrapper, articleUrl).map(([wrap, url]) => wrap(url)),
    fc.tuple(trackingWrapper, fc.string({ maxLength: 10 })).map(([wrap, text]) => wrap(text)),
    fc.constantFrom('', ' ', 'not a link', 'ftp://example.com/x', 'https://', ' https://www.nacion.com/x '),
    fc.string({ maxLength: 20 }),
  );
  test.prop([fc.record({ title: fc.option(title, { nil: undefined }), articleUrl: fc.option(link, { nil: undefined }) })])(
    'says whether toMention makes a mention of it, whatever the title and the link',
    (raw) => {
      expect(hasNews(raw)).toBe(toMention(raw) !== undefined);
    },
  );
});
