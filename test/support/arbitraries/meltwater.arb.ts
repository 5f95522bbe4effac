import { fc } from '@fast-check/vitest';

const pathSegment = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{1,20}$/u),
  fc.constantFrom('año-nuevo', 'política', 'économie', '新闻', 'café%20con%20leche', 'ñandú'),
);
const queryValue = fc.oneof(fc.stringMatching(/^[a-zA-Z0-9]{1,10}$/u), fc.constantFrom('a b', 'x&y', 'á=é', '50%', 'https://x.y/?q=1'));

/** An article URL of a news site: https, a few path segments (some not ASCII), often a query string. */
export const articleUrl = fc
  .record({
    host: fc.constantFrom('www.nacion.com', 'crhoy.com', 'www.teletica.com', 'elmundo.cr', 'news.example.org'),
    path: fc.array(pathSegment, { minLength: 1, maxLength: 4 }),
    query: fc.array(fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/u), queryValue), { maxLength: 3 }),
  })
  .map(({ host, path, query }) => {
    const search = query.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
    return `https://${host}/${path.join('/')}${search === '' ? '' : `?${search}`}`;
  });

const encodeTimes = (value: string, times: number) => {
  let encoded = value;
  for (let i = 0; i < times; i++) encoded = encodeURIComponent(encoded);
  return encoded;
};

/** Meltwater's redirects around an article, its target URL-encoded once, twice or three times. */
export const trackingWrapper = fc
  .record({
    form: fc.constantFrom('notifications', 'mwTransition'),
    times: fc.integer({ min: 1, max: 3 }),
    token: fc.stringMatching(/^[A-Za-z0-9]{4,16}$/u),
  })
  .map(
    ({ form, times, token }) =>
      (target: string) =>
        form === 'notifications'
          ? `https://t.notifications.meltwater.com/v2/x?m=webhook&tok=${token}&u=${encodeTimes(target, times)}`
          : `https://app.meltwater.com/mwTransition?url=${encodeTimes(target, times)}&uId=${token}`,
  );

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const sentimentWord = fc.constantFrom('Positive', 'Negative', 'Neutral');

/** A Smart Alerts "Every Mention" webhook body: flat, every field optional. */
export const everyMentionPayload = fc.record(
  {
    id: fc.stringMatching(/^[A-Za-z0-9_]{6,30}$/u),
    type: fc.constant('Every Mention'),
    title: fc.string({ minLength: 1, maxLength: 80 }),
    text: fc.string({ maxLength: 200 }),
    authorName: fc.string({ maxLength: 40 }),
    source: fc.string({ maxLength: 40 }),
    providerType: fc.constantFrom('news', 'tveyes_radio', 'blogs'),
    statusLine: sentimentWord.map((word) => `🔊 55.9k Reach — 😐 ${word} Sentiment`),
    keywords: fc.string({ maxLength: 40 }),
    links: fc.record({ article: articleUrl, source: articleUrl }, { requiredKeys: ['article'] }),
  },
  { requiredKeys: [] },
);

/** A Data Streams document in the `api.json` template. */
export const dataStreamDocument = fc.record(
  {
    id: fc.stringMatching(/^[0-9]{13}_[A-Za-z0-9]{10,28}$/u),
    url: articleUrl,
    published_date: fc.constant('2025-01-15T14:00:00.000Z'),
    content: fc.record(
      { title: fc.string({ minLength: 1, maxLength: 80 }), opening_text: maybe(fc.string({ maxLength: 200 })) },
      { requiredKeys: ['title'] },
    ),
    source: fc.record({ name: fc.string({ minLength: 1, maxLength: 40 }) }),
    enrichments: fc.record({ sentiment: sentimentWord.map((word) => word.toLowerCase()) }),
  },
  { requiredKeys: ['id', 'url', 'content', 'source'] },
);

/** A Data Streams delivery: `{request, documents}`. */
export const dataStreamBatch = fc
  .array(dataStreamDocument, { minLength: 1, maxLength: 5 })
  .map((documents) => ({ request: { company_id: '552e72ccbd555c1e62082adc', hook_id: 'hook-1', inputs: [] }, documents }));
