import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { fc, test } from '@fast-check/vitest';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HttpErrorCode } from '../../src/entrypoints/shared/http-errors.ts';
import { CLIENT_ID, putClient } from '../support/server-api.ts';
import { ADMIN_TOKEN, eventually, WEBHOOK_TOKEN } from '../support/server-process.ts';
import {
  articleLink,
  brokenNesting,
  decodedSegment,
  deeplyNested,
  hostileBytes,
  hostileContentEncoding,
  hostileContentType,
  hostileEveryMention,
  hostileJson,
  hostilePathSegment,
  hostileString,
  MALFORMED_ESCAPES,
  MAX_BODY_BYTES,
  MENTION_KEYS,
  notJsonText,
  parsedJson,
  renderObject,
  sizedBodies,
  textOf,
  valueOtherThan,
  withPollution,
} from './hostile-bodies.ts';
import {
  expectDocumentedError,
  expectError,
  expectHealthy,
  expectNoServerError,
  send,
  sendRaw,
  useHostileServer,
  type Answer,
} from './hostile-http.ts';

/** docs/contracts/product.md §1.1 and README "Routes": everything the webhook may answer besides 202. */
const WEBHOOK_ERRORS: readonly HttpErrorCode[] = [
  'invalid_client_id',
  'invalid_body',
  'unauthorized',
  'client_not_found',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
];

const HOOK_SECRET = 'hook-secret-0123456789';
/** A client with no WhatsApp contact: its mentions are accepted with a warning. */
const SILENT_CLIENT = '6734a46da330314a4cd0c3db';
const UNKNOWN_CLIENT = 'aaaaaaaaaaaaaaaaaaaaaaaa';

// The limit is off so that the bodies, not the allowance, decide every answer here.
const hostile = useHostileServer(() => ({ MELTWATER_HOOK_SECRET: HOOK_SECRET, WEBHOOK_RATE_LIMIT_PER_MINUTE: '0' }));

let from = 0;
beforeAll(async () => {
  const { server } = hostile();
  expect((await putClient(server, CLIENT_ID, ['50688888888@c.us'])).status).toBe(200);
  expect((await putClient(server, SILENT_CLIENT, ['ana@example.com'])).status).toBe(200);
});
beforeEach(() => {
  from = hostile().server.output.length;
});
afterEach(async () => {
  await expectHealthy(hostile().server, from);
});

const route = fc.constantFrom('/api/mw/whatsapp/', '/whatsapp/');
const credentials = fc.constantFrom<'query' | 'header' | 'signature'>('query', 'header', 'signature');

function webhook(
  path: string,
  body: string | Uint8Array,
  how: 'query' | 'header' | 'signature' | 'none',
  headers: Record<string, string> = {},
) {
  const auth: Record<string, string> = {};
  if (how === 'header') auth['x-webhook-token'] = WEBHOOK_TOKEN;
  if (how === 'signature') auth['x-hub-signature'] = `sha1=${createHmac('sha1', HOOK_SECRET).update(body).digest('hex')}`;
  const url = how === 'query' ? `${path}${path.includes('?') ? '&' : '?'}token=${WEBHOOK_TOKEN}` : path;
  return send(hostile().server, url, { method: 'POST', headers: { ...auth, ...headers }, body });
}

/** A 202 is the documented summary: one contact, so every accepted mention is either queued or a repeat. */
function expectAccepted(answer: Answer, mentions?: number): void {
  expect(answer.status, answer.text).toBe(202);
  const body = answer.body as { accepted: number; queued: number; duplicates: number };
  expect(Object.keys(body).sort()).toEqual(['accepted', 'duplicates', 'queued']);
  expect(body.accepted).toBeGreaterThanOrEqual(1);
  if (mentions !== undefined) expect(body.accepted).toBe(mentions);
  expect(body.queued + body.duplicates).toBe(body.accepted);
}

/** Any JSON: a mention is accepted, anything else is an invalid body (never another error, never a 5xx). */
function expectAcceptedOrInvalid(answer: Answer): void {
  if (answer.status === 202) expectAccepted(answer);
  else expectError(answer, 'invalid_body');
}

const MENTION = { title: 'Titular de prueba', links: { article: 'https://www.nacion.com/el-pais/nota/' } };

describe('the Meltwater webhook under hostile bodies (docs/contracts/product.md §1.1)', () => {
  test.prop(
    [
      route,
      credentials,
      fc.oneof(
        notJsonText,
        brokenNesting,
        hostileBytes.filter((bytes) => parsedJson(Buffer.from(bytes).toString()) === undefined),
      ),
    ],
    {
      numRuns: 60,
    },
  )('answers 400 invalid_body to anything that is not JSON, text or bytes', async (path, how, body) => {
    expectError(await webhook(`${path}${CLIENT_ID}`, body instanceof Uint8Array ? body : textOf(body), how), 'invalid_body');
  });

  test.prop([route, credentials, hostileJson(MENTION_KEYS)], { numRuns: 100 })(
    'answers any JSON with 202 for mentions or 400 invalid_body, never anything else',
    async (path, how, body) => {
      expectAcceptedOrInvalid(await webhook(`${path}${CLIENT_ID}`, body, how));
    },
  );

  test.prop([deeplyNested, fc.constantFrom('bare', 'in a field', 'beside a mention', 'as a document')], { numRuns: 20 })(
    'reads nesting far past any stack, alone or inside a mention',
    async (deep, where) => {
      const bodies = {
        bare: deep.text,
        'in a field': `{"title":"Titular","text":${deep.text}}`,
        'beside a mention': `[${JSON.stringify(MENTION)},${deep.text}]`,
        'as a document': `{"documents":[${deep.text}]}`,
      };
      const answer = await webhook(`/api/mw/whatsapp/${CLIENT_ID}`, bodies[where as keyof typeof bodies], 'query');
      if (where === 'in a field' || where === 'beside a mention') expectAccepted(answer, 1);
      else expectError(answer, 'invalid_body');
    },
  );

  const everyMentionFields = ['id', 'title', 'text', 'authorName', 'statusLine', 'url', 'links', 'source', 'keywords'] as const;
  test.prop([fc.constantFrom(...everyMentionFields), valueOtherThan(['string', 'number']), fc.constantFrom('title', 'link')], {
    numRuns: 80,
    // `source` is the saved search's name in Every Mention; as an object it must not hide the title.
    examples: [['source', '{"name":"La Nación"}', 'title']],
  })('keeps a mention whose other fields have the wrong type (Every Mention)', async (field, wrong, kept) => {
    const fields: Record<string, string | undefined> = {
      id: JSON.stringify(`hostile-${field}`),
      title: kept === 'title' ? '"Titular de prueba"' : undefined,
      links: kept === 'link' ? '{"article":"https://www.nacion.com/nota"}' : undefined,
    };
    // The field that carries the mention stays; any other one is replaced, or added, with the wrong type.
    const carrier = kept === 'title' ? 'title' : 'links';
    if (field !== carrier) fields[field] = wrong;
    expectAccepted(await webhook(`/api/mw/whatsapp/${CLIENT_ID}`, renderObject(fields), 'query'), 1);
  });

  const documentFields = ['id', 'url', 'content', 'source', 'enrichments', 'published_date', 'document_title'] as const;
  test.prop([fc.constantFrom(...documentFields), valueOtherThan([])], { numRuns: 60 })(
    'keeps a Data Streams document whose other fields have the wrong type',
    async (field, wrong) => {
      const document: Record<string, string | undefined> = {
        id: '"1713459776000_hostile"',
        url: '"https://www.nacion.com/nota-ds"',
        content: '{"title":"Titular de prueba"}',
        source: '{"name":"La Nación"}',
        enrichments: '{"sentiment":"positive"}',
      };
      document[field] = wrong;
      const body = `{"request":{"hook_id":"h"},"documents":[${renderObject(document)}]}`;
      // With `url` broken the title still carries the mention, and with `content` broken the link does.
      expectAccepted(await webhook(`/api/mw/whatsapp/${CLIENT_ID}`, body, 'signature'), 1);
    },
  );

  test.prop([fc.array(hostileEveryMention, { minLength: 1, maxLength: 4 })], { numRuns: 40 })(
    'accepts mentions with hostile text in every field, and the dispatcher sends them all',
    async (mentions) => {
      expectAccepted(await webhook(`/api/mw/whatsapp/${CLIENT_ID}`, `[${mentions.join(',')}]`, 'header'), mentions.length);
    },
  );

  it('sends every hostile mention it accepted: none stays queued, none failed', async () => {
    const { server } = hostile();
    await eventually(
      async () => {
        const queued = await send(server, `/api/deliveries?clientId=${CLIENT_ID}&status=queued&limit=1`, { headers: admin() });
        const sending = await send(server, `/api/deliveries?clientId=${CLIENT_ID}&status=sending&limit=1`, { headers: admin() });
        return (queued.body as { items: unknown[] }).items.length + (sending.body as { items: unknown[] }).items.length === 0
          ? true
          : undefined;
      },
      20_000,
      'the dispatcher to drain the ledger',
    );
    const failed = await send(server, `/api/deliveries?clientId=${CLIENT_ID}&status=failed`, { headers: admin() });
    expect(failed.body).toEqual({ items: [] });
  });

  test.prop([withPollution(fc.constant(JSON.stringify(MENTION)))], { numRuns: 40 })(
    'treats prototype keys as data, at the top level and nested',
    async (body) => {
      expectAcceptedOrInvalid(await webhook(`/api/mw/whatsapp/${CLIENT_ID}`, body, 'query'));
    },
  );

  test.prop([sizedBodies((padding) => `{"title":"Titular","text":"${padding}","links":{"article":"https://www.nacion.com/x"}}`)], {
    numRuns: 12,
  })('answers 413 payload_too_large past 1 MiB and reads the body up to it, counting bytes', async ({ size, body }) => {
    const answer = await webhook(`/api/mw/whatsapp/${CLIENT_ID}`, body, 'query');
    if (size > MAX_BODY_BYTES) expectError(answer, 'payload_too_large');
    else expectAccepted(answer, 1);
  });

  it('answers 413 to a body streamed without a length past 1 MiB', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const answer = await send(hostile().server, `/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expectError(answer, 'payload_too_large');
  });

  test.prop([hostileContentType, fc.constantFrom(JSON.stringify(MENTION), '{"nope":1}')], { numRuns: 30 })(
    'reads the body whatever content type it is labelled with',
    async (contentType, body) => {
      const answer = await webhook(`/api/mw/whatsapp/${CLIENT_ID}`, body, 'query', { 'content-type': contentType });
      if (body === '{"nope":1}') expectError(answer, 'invalid_body');
      else expectAccepted(answer, 1);
    },
  );

  test.prop([hostileContentEncoding, fc.constantFrom('plain', 'gzip')], { numRuns: 20, examples: [['compress', 'plain']] })(
    'answers a content coding it cannot undo with a documented error',
    async (encoding, encoded) => {
      const text = JSON.stringify(MENTION);
      const body = encoded === 'gzip' ? new Uint8Array(gzipSync(text)) : text;
      const answer = await webhook(`/api/mw/whatsapp/${CLIENT_ID}`, body, 'query', { 'content-encoding': encoding });
      if (encoding === 'gzip' && encoded === 'gzip') expectAccepted(answer, 1);
      else expectDocumentedError(answer, WEBHOOK_ERRORS);
    },
  );

  it('answers 413 to a gzip bomb instead of inflating it', async () => {
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(20 * MAX_BODY_BYTES, 0x20)));
    const answer = await webhook(`/api/mw/whatsapp/${CLIENT_ID}`, bomb, 'query', { 'content-encoding': 'gzip' });
    expectError(answer, 'payload_too_large');
  });
});

/** Header values fetch can carry: visible ASCII and Latin-1. */
const headerText = fc.string({ unit: fc.constantFrom(...' !#$%&*+-.0123456789=ABCXYZabcxyz_~\u00e9\u00ff'.split('')), maxLength: 80 });
const wrongToken = fc
  .oneof(
    headerText,
    fc.constantFrom(
      WEBHOOK_TOKEN.slice(0, -1),
      `${WEBHOOK_TOKEN}x`,
      WEBHOOK_TOKEN.toUpperCase(),
      `x${WEBHOOK_TOKEN}`,
      WEBHOOK_TOKEN.repeat(2),
      HOOK_SECRET,
      'undefined',
      'null',
    ),
  )
  .filter((token) => token.trim() !== WEBHOOK_TOKEN && token.trim() !== '');

const wrongSignature = fc.oneof(
  headerText,
  fc.constantFrom('sha1=', 'sha256=', 'sha1=zz', 'md5=00', `sha1=${'0'.repeat(40)}`, `sha512=${'a'.repeat(128)}`, 'sha1 = 00'),
  fc
    .constantFrom('sha1', 'sha256')
    .map((algorithm) => `${algorithm}=${createHmac(algorithm, HOOK_SECRET).update('another body').digest('hex')}`),
  fc.constant(`sha1=${createHmac('sha1', 'not-the-secret-0000').update(JSON.stringify(MENTION)).digest('hex')}`),
  fc.constant(`sha1=${createHmac('sha1', HOOK_SECRET).update(JSON.stringify(MENTION)).digest('hex').slice(0, 39)}`),
);

describe('the Meltwater webhook under hostile credentials and paths (docs/contracts/product.md §1.1)', () => {
  test.prop(
    [
      route,
      fc.constantFrom(CLIENT_ID, UNKNOWN_CLIENT),
      fc.oneof(hostileJson(MENTION_KEYS), fc.constant(JSON.stringify(MENTION))),
      wrongToken,
      fc.constantFrom('query', 'header', 'both', 'none', 'array'),
    ],
    {
      numRuns: 80,
    },
  )('answers 401 unauthorized to a missing or wrong token, before reading the body', async (path, client, body, token, where) => {
    const query =
      where === 'query' || where === 'both'
        ? `?token=${encodeURIComponent(token)}`
        : where === 'array'
          ? `?token=${encodeURIComponent(token)}&token=${WEBHOOK_TOKEN}`
          : '';
    const headers = where === 'header' || where === 'both' ? { 'x-webhook-token': token } : {};
    const answer = await send(hostile().server, `${path}${client}${query}`, { method: 'POST', headers, body });
    expectError(answer, 'unauthorized');
  });

  test.prop([fc.constantFrom(JSON.stringify(MENTION), '{}', 'not json'), wrongSignature], { numRuns: 60 })(
    'answers 401 unauthorized to a wrong X-Hub-Signature',
    async (body, signature) => {
      const answer = await send(hostile().server, `/api/mw/whatsapp/${CLIENT_ID}`, {
        method: 'POST',
        headers: { 'x-hub-signature': signature },
        body,
      });
      expectError(answer, 'unauthorized');
    },
  );

  test.prop([route, hostilePathSegment, fc.constantFrom(JSON.stringify(MENTION), 'not json'), fc.constantFrom('query', 'none')], {
    numRuns: 100,
  })('answers a hostile client id in the path with 400 invalid_client_id, before anything else', async (path, segment, body, how) => {
    const answer = await webhook(`${path}${segment}`, body, how === 'query' ? 'query' : 'none');
    const decoded = decodedSegment(segment)!;
    if (!/^[0-9a-f]{24}$/iu.test(decoded)) return expectError(answer, 'invalid_client_id');
    expectNoServerError(answer);
    if (how === 'none') return expectError(answer, 'unauthorized');
    if (body === 'not json') return expectError(answer, 'invalid_body');
    if (decoded.toLowerCase() === CLIENT_ID) return expectAccepted(answer, 1);
    expectError(answer, 'client_not_found');
  });

  test.prop([route, fc.constantFrom(...MALFORMED_ESCAPES), fc.constantFrom('query', 'none')], { numRuns: 20 })(
    'answers a client id that cannot even be decoded with 400 invalid_client_id',
    async (path, segment, how) => {
      expectError(await webhook(`${path}${segment}`, JSON.stringify(MENTION), how === 'query' ? 'query' : 'none'), 'invalid_client_id');
    },
  );

  test.prop([fc.array(hostileString, { maxLength: 3 }), articleLink], { numRuns: 20 })(
    'accepts a client with no WhatsApp contact with a warning, whatever the mention says',
    async (texts, link) => {
      const body = JSON.stringify({ title: texts.join(' '), text: texts.join('\n'), links: { article: link } });
      const answer = await webhook(`/whatsapp/${SILENT_CLIENT.toUpperCase()}`, body, 'query');
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 202,
        body: { accepted: 1, queued: 0, duplicates: 0, warning: expect.any(String) },
      });
    },
  );
});

describe('the webhook under hostile framing (what fetch will not send)', () => {
  const request = (headers: string, body: string) =>
    `POST /api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n${body}`;

  // A declared length the client never fills is held until it gives up (body-parser drains before it
  // answers); once the client closes, only the HTTP parser is left to answer, without a JSON body.
  test.prop([fc.constantFrom(1_000, 5 * MAX_BODY_BYTES)], { numRuns: 4 })(
    'lets go of a body cut short (a Content-Length never filled) without a 5xx',
    async (declared) => {
      const answer = await sendRaw(hostile().server, request(`Content-Length: ${declared}\r\n`, JSON.stringify(MENTION)), {
        end: true,
        waitMs: 3_000,
      });
      if (answer.status !== undefined) expect(answer.status, answer.text).toBeLessThan(500);
    },
  );

  // Framing the HTTP parser itself refuses never reaches the service, which therefore cannot shape the
  // answer: a 4xx without a JSON body is right there, and the process must live on.
  test.prop(
    [
      fc.constantFrom(
        'Content-Length: abc\r\n',
        'Content-Length: -1\r\n',
        'Content-Length: 5\r\nContent-Length: 50\r\n',
        'Transfer-Encoding: chunked\r\nContent-Length: 5\r\n',
        'Transfer-Encoding: chunked\r\n',
        'Transfer-Encoding: x-unknown\r\n',
        `X-Big: ${'a'.repeat(20_000)}\r\n`,
        'Bad Header: x\r\n',
        'X-Nul: a\u0000b\r\n',
      ),
    ],
    { numRuns: 15 },
  )('answers malformed framing with a 4xx, and the server lives on', async (headers) => {
    const body = headers.startsWith('Transfer-Encoding: chunked\r\n') ? 'zz\r\nnot a chunk\r\n' : JSON.stringify(MENTION);
    const answer = await sendRaw(hostile().server, request(headers, body), { end: true, waitMs: 3_000 });
    expect(answer.status, answer.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
  });

  test.prop([headerText], { numRuns: 30 })(
    'echoes a hostile X-Request-Id at most 100 characters long, and answers as usual',
    async (requestId) => {
      const answer = await send(hostile().server, `/api/mw/whatsapp/${CLIENT_ID}?token=${WEBHOOK_TOKEN}`, {
        method: 'POST',
        headers: { 'x-request-id': requestId },
        body: JSON.stringify(MENTION),
      });
      expectAccepted(answer, 1);
      expect((answer.headers.get('x-request-id') ?? '').length).toBeLessThanOrEqual(100);
    },
  );
});

describe('the webhook after every hostile body above', () => {
  it('still refuses an empty mention: nothing was planted on Object.prototype', async () => {
    for (const body of ['{}', '[{}]', '{"documents":[{}]}']) {
      expectError(await webhook(`/api/mw/whatsapp/${CLIENT_ID}`, body, 'query'), 'invalid_body');
    }
    const client = await send(hostile().server, `/api/clients/${CLIENT_ID}`, { headers: admin() });
    expect(client.body).toEqual({
      id: CLIENT_ID,
      name: 'Cliente Temporal',
      contacts: [{ phone: '+506****8888' }],
      meltwaterDistributionIds: [],
      rejected: [],
    });
  });
});

function admin(): Record<string, string> {
  return { authorization: `Bearer ${ADMIN_TOKEN}` };
}
