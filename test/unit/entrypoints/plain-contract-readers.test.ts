import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { hasNews, type RawMention } from '../../../src/domain/meltwater/mention.ts';
import { newsletterRunSchema } from '../../../src/entrypoints/contracts/admin.schema.ts';
import { plainDispatchMessage, readDispatchMessage } from '../../../src/entrypoints/contracts/dispatch-message.plain.ts';
import { parseDispatchMessage } from '../../../src/entrypoints/contracts/dispatch-message.schema.ts';
import { mentionsFromWebhookBody, webhookItems } from '../../../src/entrypoints/contracts/meltwater-webhook.plain.ts';
import { plainNewsletterRun } from '../../../src/entrypoints/contracts/newsletter-run.plain.ts';
import { plainOfflineAlertsBody, readOfflineAlertsBody } from '../../../src/entrypoints/contracts/offline-alerts.plain.ts';
import { parseOfflineAlertsBody } from '../../../src/entrypoints/contracts/offline-alerts.schema.ts';
import { plainOfflineReportBody, readOfflineReportBody } from '../../../src/entrypoints/contracts/offline-report.plain.ts';
import { parseOfflineReportBody } from '../../../src/entrypoints/contracts/offline-report.schema.ts';
import { dataStreamBatch, everyMentionPayload } from '../../support/arbitraries/meltwater.arb.ts';

/**
 * The Lambdas read their messages without building a zod schema (`*.plain.ts`): whatever a plain reader
 * decides must be what the zod schema answers, for any body; what it leaves undecided, the schema reads, so
 * errors keep the schema's words. The webhook's reader, which no body can fail, must read every body as the
 * zod schemas it replaced (kept here as the oracle).
 */

/** Text near the contracts' edges: blank, padded, long, astral, lone surrogates, ids of every form. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', ' ', ' x ', '\t\n', '\uD83D', 'ab\uDE00', '😀'.repeat(70), '😀', 'x'.repeat(128), ' '.repeat(3) + 'x'.repeat(128)),
  fc.string({ minLength: 120, maxLength: 140 }),
  fc.stringMatching(/^[0-9a-fA-F]{24}$/u),
  fc.stringMatching(/^[0-9a-f]{32}$/u),
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/u),
  fc.constantFrom('..', 'a..b', '.x', 'x/y', 'unknown'),
);
const number = fc.oneof(
  fc.integer(),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 2 ** 53, 2 ** 53 + 2, 1e21, -1, 0.5),
);
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const value = fc.oneof(
  { depthSize: 'small' },
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(text, scalar, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);
/** An object with some of `keys`, each with any value, and maybe others. */
const shaped = (keys: readonly string[], values: Partial<Record<string, fc.Arbitrary<unknown>>> = {}) =>
  fc
    .tuple(
      fc.record(Object.fromEntries(keys.map((key) => [key, fc.oneof(values[key] ?? value, value)])), { requiredKeys: [] }),
      fc.dictionary(text, value, { maxKeys: 2 }),
    )
    .map(([known, other]) => ({ ...other, ...known }));
/** The value a Lambda reads: the body as JSON text, as it comes off the queue. */
const asReceived = (body: unknown): unknown => JSON.parse(JSON.stringify(body) ?? 'null');

const alertEntry = shaped(['nota', 'titulo', 'cliente', 'correo', 'onesignalDevices'], {
  nota: fc.oneof(text, fc.integer({ min: -5, max: 1e9 })),
  titulo: text,
  correo: fc.constantFrom('50688888888@c.us', 'ana@example.com', ' x '),
  onesignalDevices: fc.array(fc.oneof(text, value), { maxLength: 4 }),
});
const alertsBody = fc.oneof(fc.array(alertEntry, { maxLength: 4 }), fc.array(alertEntry, { minLength: 1, maxLength: 2 }), value);
const reportBody = fc.oneof(
  shaped(['destinatarios', 'idEnvio', 'subject'], {
    destinatarios: fc.array(value, { maxLength: 4 }),
    idEnvio: fc.oneof(text, fc.integer({ min: -5, max: 1e9 })),
    subject: fc.oneof(text, number, fc.constant(null)),
  }),
  value,
);
const dispatchBody = fc.oneof(shaped(['deliveryId'], { deliveryId: fc.stringMatching(/^[0-9a-fA-F]{31,33}$/u) }), value);
const runRequest = fc.oneof(
  fc.constant(undefined),
  shaped(['distributionIds'], {
    distributionIds: fc.array(fc.oneof(fc.stringMatching(/^[0-9a-fA-F]{23,25}$/u), value), { maxLength: 4 }),
  }),
  value,
);

describe('plain readers decide only what the zod schema answers the same', () => {
  test.prop([alertsBody], { numRuns: 500 })('offline alerts', (body) => {
    const decided = plainOfflineAlertsBody(asReceived(body));
    if (decided !== undefined) expect(parseOfflineAlertsBody(JSON.stringify(body))).toEqual({ ok: true, value: decided });
  });

  test.prop([reportBody], { numRuns: 500 })('offline report', (body) => {
    const decided = plainOfflineReportBody(asReceived(body));
    if (decided !== undefined) expect(parseOfflineReportBody(JSON.stringify(body))).toEqual({ ok: true, value: decided });
  });

  test.prop([dispatchBody], { numRuns: 300 })('dispatch message', (body) => {
    const decided = plainDispatchMessage(asReceived(body));
    if (decided !== undefined) expect(parseDispatchMessage(JSON.stringify(body))).toEqual({ ok: true, value: decided });
  });

  test.prop([runRequest], { numRuns: 300 })('newsletter run request', (request) => {
    const received = request === undefined ? undefined : asReceived(request);
    const decided = plainNewsletterRun(received);
    if (decided !== undefined) expect(newsletterRunSchema.safeParse(received)).toEqual({ success: true, data: decided });
  });
});

describe('the readers answer what the schemas answer, errors included', () => {
  const bodyText = (body: fc.Arbitrary<unknown>) =>
    fc.oneof(
      body.map((value) => JSON.stringify(value) ?? ''),
      fc.constantFrom('', ' ', '[', '{"deliveryId":', 'null', '[]', '{}'),
    );

  test.prop([bodyText(alertsBody)], { numRuns: 200 })('offline alerts', async (body) => {
    expect(await readOfflineAlertsBody(body)).toEqual(parseOfflineAlertsBody(body));
  });

  test.prop([bodyText(reportBody)], { numRuns: 200 })('offline report', async (body) => {
    expect(await readOfflineReportBody(body)).toEqual(parseOfflineReportBody(body));
  });

  test.prop([bodyText(dispatchBody)], { numRuns: 200 })('dispatch message', async (body) => {
    expect(await readDispatchMessage(body)).toEqual(parseDispatchMessage(body));
  });

  it('reads well-formed bodies, as CVT and the ledger write them, without the schema', () => {
    expect(
      plainOfflineAlertsBody([
        {
          nota: '66f1c0ffee00000000000001',
          titulo: 'Título',
          cliente: '5792a7288ac8f35b0aa93bee',
          correo: '50688888888@c.us',
          onesignalDevices: ['d'],
        },
        { nota: 42, titulo: ' T ', correo: 'ana@example.com', cliente: null },
      ]),
    ).toEqual({
      entries: [
        {
          nota: '66f1c0ffee00000000000001',
          titulo: 'Título',
          cliente: '5792a7288ac8f35b0aa93bee',
          correo: '50688888888@c.us',
          onesignalDevices: ['d'],
        },
        { nota: '42', titulo: 'T', cliente: '', correo: 'ana@example.com', onesignalDevices: [] },
      ],
      invalid: [],
    });
    expect(plainOfflineReportBody({ destinatarios: ['50688888888@c.us'], idEnvio: 1234, subject: null })).toEqual({
      destinatarios: ['50688888888@c.us'],
      idEnvio: '1234',
      subject: 'Informe de noticias',
    });
    expect(plainDispatchMessage({ deliveryId: '0123456789abcdef0123456789abcdef' })).toBe('0123456789abcdef0123456789abcdef');
    expect(plainNewsletterRun({ distributionIds: ['6734A46DA330314A4CD0C3DA'] })).toEqual({
      distributionIds: ['6734a46da330314a4cd0c3da'],
    });
    expect(plainNewsletterRun(undefined)).toEqual({});
  });
});

/** The zod schemas the webhook's reader replaced (meltwater-webhook.plain.ts before issue 14's last pass). */
const looseText = z
  .unknown()
  .transform((field) => {
    if (typeof field === 'string') return field;
    if (typeof field === 'number' && Number.isFinite(field)) return String(field);
    return undefined;
  })
  .optional();
function looseObject<T extends z.ZodRawShape>(shape: T) {
  const schema = z.object(shape);
  return schema.catch(() => schema.parse({}));
}
const everyMention = z.object({
  id: looseText,
  title: looseText,
  text: looseText,
  authorName: looseText,
  statusLine: looseText,
  url: looseText,
  links: looseObject({ article: looseText, source: looseText }),
});
const dataStreamDocument = z.object({
  id: looseText,
  url: looseText,
  content: looseObject({ title: looseText, opening_text: looseText }),
  source: looseObject({ name: looseText }),
  enrichments: looseObject({ sentiment: looseText }),
  document_title: looseText,
  document_url: looseText,
  document_opening_text: looseText,
  source_name: looseText,
  document_sentiment: looseText,
});
function zodMentions(body: unknown): RawMention[] {
  const fromEveryMention = (item: unknown): RawMention | undefined => {
    const parsed = everyMention.safeParse(item);
    if (!parsed.success) return undefined;
    const mention = parsed.data;
    return {
      id: mention.id,
      title: mention.title,
      snippet: mention.text,
      outlet: mention.authorName,
      articleUrl: mention.links.article ?? mention.url ?? mention.links.source,
      sentiment: mention.statusLine,
    };
  };
  const fromDataStream = (item: unknown): RawMention | undefined => {
    const parsed = dataStreamDocument.safeParse(item);
    if (!parsed.success) return undefined;
    const document = parsed.data;
    return {
      id: document.id,
      title: document.content.title ?? document.document_title,
      snippet: document.content.opening_text ?? document.document_opening_text,
      outlet: document.source.name ?? document.source_name,
      articleUrl: document.url ?? document.document_url,
      sentiment: document.enrichments.sentiment ?? document.document_sentiment,
    };
  };
  const isRecord = (item: unknown): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item);
  const looksLikeDataStream = (item: unknown) =>
    isRecord(item) && (isRecord(item['content']) || isRecord(item['source']) || 'document_title' in item || 'document_url' in item);
  return webhookItems(body).flatMap((item) => {
    for (const read of looksLikeDataStream(item) ? [fromDataStream, fromEveryMention] : [fromEveryMention]) {
      const mention = read(item);
      if (mention !== undefined && hasNews(mention)) return [mention];
    }
    return [];
  });
}

describe("the webhook's reader", () => {
  const field = fc.oneof(text, number, value);
  const mentionLike = shaped(['id', 'title', 'text', 'authorName', 'statusLine', 'url', 'links'], {
    links: fc.oneof(shaped(['article', 'source'], { article: field, source: field }), value),
  });
  const documentLike = shaped(
    [
      'id',
      'url',
      'content',
      'source',
      'enrichments',
      'document_title',
      'document_url',
      'document_opening_text',
      'source_name',
      'document_sentiment',
    ],
    {
      content: fc.oneof(shaped(['title', 'opening_text']), value),
      source: fc.oneof(shaped(['name']), value),
      enrichments: fc.oneof(shaped(['sentiment']), value),
    },
  );
  const item = fc.oneof(mentionLike, documentLike, value);
  const body = fc.oneof(
    item,
    fc.array(item, { maxLength: 4 }),
    fc.array(item, { maxLength: 4 }).map((documents) => ({ request: {}, documents })),
    everyMentionPayload,
    dataStreamBatch,
  );

  test.prop([body], { numRuns: 500 })('reads every body as the zod schemas did', (payload) => {
    const received = asReceived(payload);
    expect(mentionsFromWebhookBody(received)).toEqual(zodMentions(received));
  });
});
