import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { toMention } from '../../../src/domain/meltwater/mention.ts';
import { mentionsFromWebhookBody } from '../../../src/entrypoints/contracts/meltwater-webhook.plain.ts';
import { dataStreamBatch, everyMentionPayload } from '../../support/arbitraries/meltwater.arb.ts';

const ARTICLE = 'https://www.nacion.com/el-pais/nota.html';

/** Sanitised shape of a real "Every Mention" Generic Webhook call (docs/contracts/meltwater.md §1.2). */
const everyMention = {
  id: 'mw-7f3a9c',
  type: 'Every Mention',
  providerType: 'news',
  title: 'Gobierno anuncia plan de infraestructura',
  statusLine: '🔊 55.9k Reach — 😐 Neutral Sentiment',
  source: 'CVT - Gobierno',
  keywords: 'Gobierno, infraestructura',
  authorName: 'La Nación',
  image: 'https://img.example/x.jpg',
  text: 'El Gobierno anunció este lunes…',
  links: {
    article: `https://t.notifications.meltwater.com/v2/x?m=webhook&u=${encodeURIComponent(encodeURIComponent(ARTICLE))}`,
    source: 'https://t.notifications.meltwater.com/v2/x?m=webhook&u=https%253A%252F%252Fwww.nacion.com',
  },
};

const dataStreamDocument = {
  id: '1713459776000_K49ugt285FchyyIqJ15D85lyR5wA',
  url: ARTICLE,
  published_date: '2025-01-15T14:00:00.000Z',
  content: { title: 'Título del documento', opening_text: 'Apertura', body: '…' },
  source: { name: 'CRHoy', id: 'crhoy', metrics: { reach: 1000 } },
  enrichments: { sentiment: 'negative', language_code: 'es' },
};

describe('mentionsFromWebhookBody', () => {
  it('reads an Every Mention object', () => {
    expect(mentionsFromWebhookBody(everyMention)).toEqual([
      {
        id: 'mw-7f3a9c',
        title: 'Gobierno anuncia plan de infraestructura',
        snippet: 'El Gobierno anunció este lunes…',
        outlet: 'La Nación',
        articleUrl: everyMention.links.article,
        sentiment: '🔊 55.9k Reach — 😐 Neutral Sentiment',
      },
    ]);
    expect(toMention(mentionsFromWebhookBody(everyMention)[0]!)).toMatchObject({ url: ARTICLE, sentiment: 'neutral' });
  });

  it('reads an array of Every Mention objects', () => {
    expect(mentionsFromWebhookBody([everyMention, { ...everyMention, id: 'mw-2' }]).map((m) => m.id)).toEqual(['mw-7f3a9c', 'mw-2']);
  });

  it('reads a Data Streams batch in the api.json template', () => {
    const body = { request: { company_id: '552e72ccbd555c1e62082adc', hook_id: 'h1', inputs: [] }, documents: [dataStreamDocument] };
    expect(mentionsFromWebhookBody(body)).toEqual([
      {
        id: '1713459776000_K49ugt285FchyyIqJ15D85lyR5wA',
        title: 'Título del documento',
        snippet: 'Apertura',
        outlet: 'CRHoy',
        articleUrl: ARTICLE,
        sentiment: 'negative',
      },
    ]);
  });

  it('reads Data Streams documents in the legacy template', () => {
    const legacy = {
      document_title: 'Título legado',
      document_url: ARTICLE,
      document_opening_text: 'Texto',
      source_name: 'Teletica',
      document_sentiment: 'positive',
    };
    expect(mentionsFromWebhookBody({ documents: [legacy] })).toEqual([
      { id: undefined, title: 'Título legado', snippet: 'Texto', outlet: 'Teletica', articleUrl: ARTICLE, sentiment: 'positive' },
    ]);
  });

  it('reads Data Streams documents sent as a bare array', () => {
    expect(mentionsFromWebhookBody([dataStreamDocument])).toMatchObject([{ title: 'Título del documento', outlet: 'CRHoy' }]);
  });

  it('accepts a mention whose optional fields are missing or of the wrong type', () => {
    const mangled = { id: 12345, title: 'Solo título', text: null, authorName: ['x'], statusLine: {}, links: 'no es un objeto' };
    expect(mentionsFromWebhookBody(mangled)).toEqual([
      { id: '12345', title: 'Solo título', snippet: undefined, outlet: undefined, articleUrl: undefined, sentiment: undefined },
    ]);
    expect(mentionsFromWebhookBody({ links: { article: ARTICLE } })).toMatchObject([{ articleUrl: ARTICLE }]);
    expect(mentionsFromWebhookBody({ documents: [{ url: ARTICLE, content: null, source: 'x', enrichments: 3 }] })).toMatchObject([
      { articleUrl: ARTICLE, title: undefined, outlet: undefined },
    ]);
  });

  it.each([{}, { foo: 1 }, [], { documents: [] }, null, 'texto', 42, [{}, { title: '   ' }], { documents: [{ id: 'x' }] }])(
    'finds no mention in %j',
    (body) => {
      expect(mentionsFromWebhookBody(body)).toEqual([]);
    },
  );

  it('keeps the good mentions of a batch and drops empty ones', () => {
    expect(mentionsFromWebhookBody([everyMention, {}, 7, null])).toHaveLength(1);
  });

  test.prop([everyMentionPayload])('turns every Every Mention with a title or link into exactly one mention', (payload) => {
    const mentions = mentionsFromWebhookBody(payload);
    const expected = toMention({ title: payload.title, articleUrl: payload.links?.article }) === undefined ? 0 : 1;
    expect(mentions).toHaveLength(expected);
    if (expected === 1) expect(mentions[0]!.id).toBe(payload.id);
  });

  test.prop([dataStreamBatch])('turns every document of a Data Streams batch into a mention', (batch) => {
    const mentions = mentionsFromWebhookBody(batch);
    expect(mentions.map((m) => m.id)).toEqual(batch.documents.map((d) => d.id));
    expect(mentions.map((m) => m.articleUrl)).toEqual(batch.documents.map((d) => d.url));
  });

  test.prop([fc.jsonValue()])('never throws for any JSON', (body) => {
    expect(Array.isArray(mentionsFromWebhookBody(body))).toBe(true);
  });

  test.prop([fc.json()])('never throws for any parsed JSON text', (text) => {
    expect(() => mentionsFromWebhookBody(JSON.parse(text))).not.toThrow();
  });
});
