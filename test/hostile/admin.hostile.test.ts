import { gzipSync } from 'node:zlib';
import { fc, test } from '@fast-check/vitest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HttpErrorCode } from '../../src/entrypoints/shared/http-errors.ts';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.ts';
import { ADMIN_TOKEN, eventually } from '../support/server-process.ts';
import {
  ALERT_KEYS,
  around,
  brokenNesting,
  decodedSegment,
  deeplyNested,
  documentedAlertEntry,
  documentedAlertsBody,
  documentedReportBody,
  hostileBytes,
  hostileContentEncoding,
  hostileContentType,
  hostileJson,
  hostilePathSegment,
  hostileQuery,
  hostileString,
  isDocumentedAlertsBody,
  isDocumentedReportBody,
  isPlainObject,
  MALFORMED_ESCAPES,
  MAX_BODY_BYTES,
  notJsonText,
  parsedJson,
  PROTOTYPE_KEYS,
  REPORT_KEYS,
  renderObject,
  sizedBodies,
  textOf,
  unknownCharsetContentType,
  valueOtherThan,
  wellFormedHostileString,
  withPollution,
  type Labelled,
} from './hostile-bodies.ts';
import {
  adminHeaders,
  expectDocumentedError,
  expectError,
  expectHealthy,
  expectNoServerError,
  send,
  unhandledFailures,
  useHostileServer,
  type Answer,
} from './hostile-http.ts';

/**
 * The admin routes list no errors of their own in README "Routes"; they may answer any client error of
 * the table in http-errors.ts that fits a request of theirs (a read-only directory needs MongoDB, which
 * this server does not use).
 */
const ADMIN_ERRORS: readonly HttpErrorCode[] = [
  'invalid_client_id',
  'invalid_body',
  'invalid_query',
  'unauthorized',
  'client_not_found',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
];
const BODY_ERRORS: readonly HttpErrorCode[] = ['invalid_body', 'payload_too_large', 'unsupported_media_type'];

const CLIENT = '5792a7288ac8f35b0aa93bee';
const USERS_KEYS = ['name', 'users', 'provider'];

let meltwater: LoopbackServer | undefined;
// Nothing here may reach app.meltwater.com: a newsletter run downloads from a loopback server that has none.
const hostile = useHostileServer(async () => {
  meltwater = await startLoopbackServer((_request, response) => {
    response.statusCode = 404;
    response.end('not found');
  });
  return { MELTWATER_NEWSLETTER_URL: `${meltwater.url}/nl/{distributionId}/html`, QUEUE_MAX_RECEIVES: '1' };
});
afterAll(async () => {
  await meltwater?.close();
});

let from = 0;
beforeEach(() => {
  from = hostile().server.output.length;
});
// The queue worker's lines are checked once it has worked through what the queue routes accepted.
const fromTheQueueWorker = (line: string) => line.includes('"queue":"offline-');
afterEach(async () => {
  await expectHealthy(hostile().server, from, (line) => !fromTheQueueWorker(line));
});

const admin = (path: string, init: RequestInit = {}) =>
  send(hostile().server, path, { ...init, headers: adminHeaders(ADMIN_TOKEN, init.headers as Record<string, string> | undefined) });
const put = (id: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
  admin(`/api/clients/${id}`, { method: 'PUT', body, headers });

/** docs/contracts/product.md §7: the client as PUT answers it and GET shows it, and nothing else. */
function expectClientShape(answer: Answer, id: string): void {
  expect(answer.status, answer.text).toBe(200);
  const body = answer.body as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['contacts', 'id', 'meltwaterDistributionIds', 'name', 'rejected']);
  expect(body).toMatchObject({ id: id.toLowerCase(), contacts: expect.any(Array), rejected: expect.any(Array) });
  for (const rejected of body['rejected'] as Record<string, unknown>[]) {
    expect(rejected).toEqual({ value: expect.any(String), reason: expect.any(String) });
  }
}

/** What docs/contracts/product.md §7 allows in `PUT /api/clients/:id`: users a list, a name of text, no provider but the configured one. */
function isDocumentedClientUpdate(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const { name, users, provider } = value;
  const nameOk = name === undefined || name === null || (typeof name === 'string' && name.trim().length <= 200);
  const providerOk = provider === undefined || provider === null || (typeof provider === 'string' && provider.trim() === 'outbox');
  return Array.isArray(users) && users.length <= 10_000 && nameOk && providerOk;
}

/** PUT answers the documented client or an invalid body; a stored client reads back exactly as PUT answered. */
async function expectPutAnswered(id: string, text: string, answer: Answer): Promise<void> {
  const parsed = parsedJson(text.replace(/^\ufeff/u, ''));
  if (parsed === undefined || !isDocumentedClientUpdate(parsed.value)) return expectError(answer, 'invalid_body');
  expectClientShape(answer, id);
  const read = await admin(`/api/clients/${id}`);
  expect(wellFormed(read.body)).toEqual(wellFormed(answer.body));
}

/**
 * SQLite keeps text as UTF-8, where a lone surrogate (only reachable through a `\\udXXX` escape) becomes
 * U+FFFD: PUT echoes the user as sent, GET as stored. Everything else must read back exactly.
 */
function wellFormed(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? item.toWellFormed() : item)));
}

/** The ids are fresh for each run, so that one run's client never answers for another's. */
const clientId = fc.array(fc.constantFrom(...'0123456789abcdefABCDEF'), { minLength: 24, maxLength: 24 }).map((chars) => chars.join(''));

describe('PUT /api/clients/:id under hostile bodies (docs/contracts/product.md §7)', () => {
  test.prop([clientId, fc.oneof(notJsonText, hostileJson(USERS_KEYS))], { numRuns: 100 })(
    'answers the documented client or 400 invalid_body to any text',
    async (id, body) => {
      await expectPutAnswered(id, body, await put(id, body));
    },
  );

  test.prop([clientId, hostileBytes], { numRuns: 40 })('answers 400 invalid_body to bytes that are not a client', async (id, bytes) => {
    await expectPutAnswered(id, Buffer.from(bytes).toString('utf8'), await put(id, bytes));
  });

  // `provider` may be text, but only the name of a provider in use here (outbox), which no generated text is.
  const wrongField = fc
    .constantFrom('name', 'users', 'provider')
    .chain((field) =>
      valueOtherThan(field === 'users' ? ['array'] : field === 'name' ? ['string', 'null'] : ['null']).map((wrong) => ({ field, wrong })),
    );
  test.prop([clientId, wrongField], { numRuns: 60 })(
    'answers 400 invalid_body to a field of the wrong type',
    async (id, { field, wrong }) => {
      const fields: Record<string, string> = { name: '"Cliente Temporal"', users: '["50688888888@c.us"]', [field]: wrong };
      expectError(await put(id, renderObject(fields)), 'invalid_body');
    },
  );

  test.prop(
    [
      clientId,
      fc.array(
        fc.oneof(
          hostileJson(),
          wellFormedHostileString.map((text) => JSON.stringify(text)),
        ),
        { maxLength: 8 },
      ),
    ],
    {
      numRuns: 60,
    },
  )('keeps any list of users and reports the ones it cannot use', async (id, users) => {
    const answer = await put(id, `{"name":"Cliente","users":[${users.join(',')}]}`);
    expectClientShape(answer, id);
    const body = answer.body as { contacts: unknown[]; rejected: unknown[]; meltwaterDistributionIds: unknown[] };
    expect(body.contacts.length + body.rejected.length + body.meltwaterDistributionIds.length).toBeLessThanOrEqual(users.length);
    expect(wellFormed((await admin(`/api/clients/${id}`)).body)).toEqual(wellFormed(answer.body));
  });

  test.prop([clientId, deeplyNested], { numRuns: 12 })('keeps a user nested far past any stack, as a rejected user', async (id, deep) => {
    const answer = await put(id, `{"name":"Cliente","users":["50688888888@c.us",${deep.text}]}`);
    expectClientShape(answer, id);
    expect(answer.body).toMatchObject({ contacts: [{ phone: '+506****8888' }], rejected: [{ value: expect.any(String) }] });
  });

  test.prop([clientId, withPollution(fc.constant('{"name":"Cliente Temporal","users":["50688888888@c.us"]}'))], { numRuns: 50 })(
    'stores a client sent with prototype keys without them, and with its own fields only',
    async (id, body) => {
      const answer = await put(id, body);
      await expectPutAnswered(id, body, answer);
      if (answer.status === 200) expect((answer.body as { name: unknown }).name).not.toBe('polluted');
    },
  );

  test.prop([clientId, sizedBodies((padding) => `{"name":"Cliente","users":["${padding}"]}`)], { numRuns: 10 })(
    'answers 413 payload_too_large past 1 MiB and stores a client up to it',
    async (id, { size, body }) => {
      const answer = await put(id, body);
      if (size > MAX_BODY_BYTES) expectError(answer, 'payload_too_large');
      else expectClientShape(answer, id);
    },
  );

  test.prop([clientId, hostileContentType], { numRuns: 30 })(
    'reads the body as JSON whatever content type it is labelled with',
    async (id, type) => {
      expectClientShape(await put(id, '{"name":"Cliente","users":[]}', { 'content-type': type }), id);
    },
  );

  test.prop([clientId, unknownCharsetContentType], { numRuns: 10 })('answers 415 to a charset it cannot decode', async (id, type) => {
    expectError(await put(id, '{"users":[]}', { 'content-type': type }), 'unsupported_media_type');
  });

  test.prop([clientId, hostileContentEncoding, fc.boolean()], { numRuns: 20 })(
    'answers a content coding it cannot undo with a documented error',
    async (id, encoding, gzipped) => {
      const text = '{"name":"Cliente","users":[]}';
      const answer = await put(id, gzipped ? new Uint8Array(gzipSync(text)) : text, { 'content-encoding': encoding });
      if (encoding === 'gzip' && gzipped) expectClientShape(answer, id);
      else expectDocumentedError(answer, BODY_ERRORS);
    },
  );
});

describe('client ids in admin paths', () => {
  test.prop([hostilePathSegment, fc.constantFrom('GET', 'PUT')], { numRuns: 80 })(
    'answers a hostile client id with 400 invalid_client_id, or the client when it is one',
    async (segment, method) => {
      const answer = await admin(`/api/clients/${segment}`, method === 'PUT' ? { method, body: '{"users":[]}' } : {});
      const decoded = decodedSegment(segment)!;
      if (!/^[0-9a-f]{24}$/iu.test(decoded)) return expectError(answer, 'invalid_client_id');
      if (method === 'PUT') return expectClientShape(answer, decoded);
      if (answer.status === 200) expectClientShape(answer, decoded);
      else expectError(answer, 'client_not_found');
    },
  );

  test.prop([fc.constantFrom(...MALFORMED_ESCAPES), fc.constantFrom('GET', 'PUT')], { numRuns: 20 })(
    'answers a client id that cannot even be decoded with 400 invalid_client_id',
    async (segment, method) => {
      expectError(await admin(`/api/clients/${segment}`, method === 'PUT' ? { method, body: '{"users":[]}' } : {}), 'invalid_client_id');
    },
  );
});

/**
 * Valid by the letter of docs/contracts/product.md §1.4 (an id and a client as text), but text that is not well-formed
 * Unicode (a lone surrogate, sent as a JSON escape): the route must refuse them or the worker process them.
 */
const QUEUE_EXAMPLES: Record<string, [string | Labelled][]> = {
  'offline-reports': [],
  'offline-alerts': [
    ['[{"nota":"\\ud800","titulo":"Nota con id roto","correo":"50688888888@c.us"}]'],
    ['[{"nota":"n-cliente-roto","titulo":"Nota de un cliente roto","cliente":"\\udc00","correo":"ana@example.com"}]'],
  ],
};

describe('the queue routes under hostile bodies (docs/contracts/product.md §7, §1.3, §1.4)', () => {
  const queues = {
    'offline-reports': {
      valid: isDocumentedReportBody,
      bodies: fc.oneof(
        notJsonText,
        hostileJson(REPORT_KEYS),
        documentedReportBody({ whatsapp: true }).map(({ text }) => text),
        withPollution(documentedReportBody({ whatsapp: false }).map(({ text }) => text)),
        deeplyNested.map((deep) => around(deep, (text) => `{"idEnvio":"deep","destinatarios":[${text}]}`)),
        deeplyNested.map((deep) => around(deep, (text) => `{"idEnvio":"deep","destinatarios":[],"subject":${text}}`)),
        brokenNesting,
      ),
    },
    'offline-alerts': {
      valid: isDocumentedAlertsBody,
      bodies: fc.oneof(
        notJsonText,
        hostileJson(ALERT_KEYS),
        hostileJson(ALERT_KEYS).map((entry) => `[${entry}]`),
        documentedAlertsBody,
        withPollution(documentedAlertEntry).map((entry) => `[${entry}]`),
        deeplyNested.map((deep) =>
          around(deep, (text) => `[{"nota":"n","titulo":"t","correo":"ana@example.com","onesignalDevices":${text}}]`),
        ),
        deeplyNested.map((deep) => around(deep, (text) => `[{"nota":"n","titulo":"t","correo":"ana@example.com","cliente":${text}}]`)),
        brokenNesting,
      ),
    },
  } as const;

  let queuesFrom = 0;
  beforeAll(() => {
    queuesFrom = hostile().server.output.length;
  });

  for (const [queue, { valid, bodies }] of Object.entries(queues)) {
    test.prop([bodies], { numRuns: 100, examples: QUEUE_EXAMPLES[queue] })(
      `${queue}: queues what can be processed (202) and refuses the rest (400 with the reason)`,
      async (hostileBody: string | Labelled) => {
        const body = textOf(hostileBody);
        const answer = await admin(`/api/queues/${queue}`, { method: 'POST', body });
        const parsed = parsedJson(body.replace(/^\ufeff/u, ''));
        if (parsed === undefined || !valid(parsed.value)) return expectError(answer, 'invalid_body');
        expect(answer.status, answer.text).toBe(202);
        expect(answer.body).toMatchObject({ queued: true, queue, messageId: expect.any(String) });
      },
    );

    test.prop([hostileBytes], { numRuns: 30 })(`${queue}: refuses bytes that are not a queue body`, async (bytes) => {
      const answer = await admin(`/api/queues/${queue}`, { method: 'POST', body: bytes });
      const parsed = parsedJson(
        Buffer.from(bytes)
          .toString('utf8')
          .replace(/^\ufeff/u, ''),
      );
      if (parsed === undefined || !valid(parsed.value)) expectError(answer, 'invalid_body');
      else expectNoServerError(answer);
    });

    test.prop([sizedBodies((padding) => `{"idEnvio":"big","destinatarios":[],"subject":"${padding}"}`)], { numRuns: 10 })(
      `${queue}: answers 413 payload_too_large past 1 MiB`,
      async ({ size, body }) => {
        const answer = await admin(`/api/queues/${queue}`, { method: 'POST', body });
        if (size > MAX_BODY_BYTES) expectError(answer, 'payload_too_large');
        else if (queue === 'offline-reports') expect(answer.status, answer.text).toBe(202);
        else expectError(answer, 'invalid_body');
      },
    );

    test.prop([fc.oneof(hostileContentType, unknownCharsetContentType), fc.constantFrom('{"idEnvio":"ct","destinatarios":[]}', '[]')], {
      numRuns: 20,
    })(`${queue}: answers whatever the content type with the body's own verdict, or 415`, async (type, body) => {
      const answer = await admin(`/api/queues/${queue}`, { method: 'POST', body, headers: { 'content-type': type } });
      const decodable = !/charset=(bogus|x-unknown)/u.test(type);
      if (decodable && queue === 'offline-reports' && body.startsWith('{')) expect(answer.status, answer.text).toBe(202);
      else expectDocumentedError(answer, decodable ? ['invalid_body'] : ['unsupported_media_type']);
    });
  }

  test.prop([hostilePathSegment, fc.constantFrom('{"idEnvio":"x","destinatarios":[]}', 'not json')], { numRuns: 40 })(
    'answers 404 not_found for a queue that does not exist',
    async (segment, body) => {
      const answer = await admin(`/api/queues/${segment}`, { method: 'POST', body });
      if (decodedSegment(segment) === 'offline-reports' || decodedSegment(segment) === 'offline-alerts') return expectNoServerError(answer);
      expectError(answer, 'not_found');
    },
  );

  test.prop([fc.constantFrom(...MALFORMED_ESCAPES)], { numRuns: 10 })(
    'answers 404 not_found for a queue name that cannot be decoded',
    async (segment) => {
      expectError(await admin(`/api/queues/${segment}`, { method: 'POST', body: '{}' }), 'not_found');
    },
  );

  it('processes every alert it accepted: none is dead-lettered afterwards, none fails to send', async () => {
    // The worker takes messages in order: once a last alert is sent, every earlier one has been handled.
    const last = `Última nota ${Date.now()}`;
    const queued = await admin('/api/queues/offline-alerts', {
      method: 'POST',
      body: JSON.stringify([{ nota: `last-${Date.now()}`, titulo: last, correo: '50677777777@c.us' }]),
    });
    expect(queued.status, queued.text).toBe(202);
    await eventually(
      async () =>
        ((await admin('/api/outbox?limit=1000')).body as { items: { text: string }[] }).items.some((item) => item.text.includes(last)) ||
        undefined,
      20_000,
      'the last alert in the outbox',
    );
    await eventually(
      async () =>
        ((await admin('/api/deliveries?job=offline-alert&status=queued&limit=1')).body as { items: unknown[] }).items.length === 0 ||
        undefined,
      20_000,
      'the dispatcher to drain the offline alerts',
    );
    const deadLetters = (await admin('/api/queues/offline-alerts/dead-letters')).body as { items: { reason: string; body: string }[] };
    expect(deadLetters.items.map(({ reason, body }) => ({ reason, body: body.slice(0, 120) }))).toEqual([]);
    expect((await admin('/api/deliveries?status=failed')).body).toEqual({ items: [] });
    // Offline reports whose page was never stored are dead-lettered after their receives, as documented.
    expect(unhandledFailures(hostile().server.output, queuesFrom).filter((line) => line.includes('"queue":"offline-alerts"'))).toEqual([]);
  });
});

describe('POST /api/reports/run under hostile bodies (docs/contracts/product.md §1.2)', () => {
  /** Every newsletter, or only the listed distributions (24 hexadecimal characters each). */
  const isDocumentedRun = (text: string): boolean => {
    if (text === '') return true;
    const parsed = parsedJson(text.replace(/^\ufeff/u, ''));
    if (parsed === undefined || !isPlainObject(parsed.value)) return false;
    const ids = parsed.value['distributionIds'];
    return (
      ids === undefined ||
      (Array.isArray(ids) && ids.length <= 1_000 && ids.every((id) => typeof id === 'string' && /^[0-9a-f]{24}$/iu.test(id)))
    );
  };

  test.prop(
    [
      fc.oneof(
        notJsonText,
        hostileJson(['distributionIds']),
        fc
          .array(fc.oneof(fc.stringMatching(/^[0-9a-fA-F]{24}$/u), hostileString), { maxLength: 4 })
          .map((ids) => JSON.stringify({ distributionIds: ids })),
        withPollution(fc.constant('{"distributionIds":[]}')),
      ),
    ],
    { numRuns: 80 },
  )('answers the run summary or 400 invalid_body', async (body) => {
    const answer = await admin('/api/reports/run', { method: 'POST', body });
    // A body of white space only is neither clearly absent nor clearly invalid: either answer will do.
    if (body !== '' && body.trim() === '') return expectNoServerError(answer);
    if (!isDocumentedRun(body)) return expectError(answer, 'invalid_body');
    expect(answer.status, answer.text).toBe(200);
    // No client has a distribution here: every id asked for is named as unknown.
    const parsed = body === '' ? undefined : parsedJson(body.replace(/^\ufeff/u, ''))?.value;
    const ids = isPlainObject(parsed) ? parsed['distributionIds'] : undefined;
    const asked = Array.isArray(ids) ? (ids as string[]) : [];
    const unknown = [...new Set(asked.map((id) => id.toLowerCase()))];
    expect(answer.body).toEqual({
      checked: 0,
      sent: 0,
      unchanged: 0,
      failed: [],
      skipped: [],
      ...(unknown.length > 0 ? { unknownDistributionIds: unknown } : {}),
    });
  });

  test.prop([sizedBodies((padding) => `{"note":"${padding}"}`)], { numRuns: 10 })(
    'answers 413 payload_too_large past 1 MiB',
    async ({ size, body }) => {
      const answer = await admin('/api/reports/run', { method: 'POST', body });
      if (size > MAX_BODY_BYTES) expectError(answer, 'payload_too_large');
      else expect(answer.status, answer.text).toBe(200);
    },
  );
});

describe('admin queries under hostile query strings (docs/contracts/product.md §7)', () => {
  const lists = [
    { path: '/api/deliveries', names: ['clientId', 'status', 'job', 'limit'] },
    { path: '/api/outbox', names: ['limit'] },
    { path: '/api/queues/offline-reports/dead-letters', names: ['limit'] },
    { path: '/api/queues/offline-alerts/dead-letters', names: ['limit'] },
    { path: '/api/reports/runs', names: ['limit'] },
  ];
  for (const { path, names } of lists) {
    test.prop([hostileQuery(names)], { numRuns: 60 })(`${path}: answers a list or 400 invalid_query`, async (query) => {
      const answer = await admin(`${path}?${query}`);
      if (answer.status !== 200) return expectError(answer, 'invalid_query');
      expect(answer.body).toEqual({ items: expect.any(Array) });
      expect((answer.body as { items: unknown[] }).items.length).toBeLessThanOrEqual(1_000);
    });

    test.prop([fc.integer({ min: -3, max: 1_003 })], { numRuns: 30 })(`${path}: takes exactly the limits 1 to 1000`, async (limit) => {
      const answer = await admin(`${path}?limit=${limit}`);
      if (limit < 1 || limit > 1_000) return expectError(answer, 'invalid_query');
      expect(answer.status, answer.text).toBe(200);
      expect((answer.body as { items: unknown[] }).items.length).toBeLessThanOrEqual(limit);
    });
  }

  test.prop([hostilePathSegment, hostileQuery(['limit'])], { numRuns: 40 })(
    'answers 404 for the dead letters of a queue that does not exist',
    async (segment, query) => {
      const answer = await admin(`/api/queues/${segment}/dead-letters?${query}`);
      const decoded = decodedSegment(segment);
      if (decoded === 'offline-reports' || decoded === 'offline-alerts') return expectNoServerError(answer);
      expectError(answer, 'not_found');
    },
  );
});

/** Authorization values that are not `Bearer {ADMIN_TOKEN}`. */
const wrongAuthorization = fc
  .oneof(
    fc.string({ unit: fc.constantFrom(...' !#$%&*+-.0123456789=ABCXYZabcxyz_~\u00e9'.split('')), maxLength: 60 }),
    fc.constantFrom(
      `Basic ${ADMIN_TOKEN}`,
      ADMIN_TOKEN,
      'Bearer',
      `Bearer ${ADMIN_TOKEN.slice(0, -1)}`,
      `Bearer ${ADMIN_TOKEN}x`,
      `Bearer ${ADMIN_TOKEN.toUpperCase()}`,
      `Bearer ${ADMIN_TOKEN} ${ADMIN_TOKEN}`,
      `Bearer ${ADMIN_TOKEN},Bearer ${ADMIN_TOKEN}`,
      `Bearer\u00a0${ADMIN_TOKEN}`,
      'Bearer undefined',
      'Bearer null',
      `Bearer ${'a'.repeat(4_000)}`,
    ),
  )
  .filter((value) => !new RegExp(`^Bearer\\s+${ADMIN_TOKEN}$`, 'iu').test(value.trim()));

const ADMIN_REQUESTS = [
  ['GET', '/api/clients'],
  ['GET', `/api/clients/${CLIENT}`],
  ['PUT', `/api/clients/${CLIENT}`],
  ['DELETE', `/api/clients/${CLIENT}`],
  ['GET', '/api/deliveries'],
  ['GET', '/api/outbox'],
  ['POST', '/api/reports/run'],
  ['POST', '/api/queues/offline-reports'],
  ['POST', '/api/queues/offline-alerts'],
  ['GET', '/api/queues/offline-alerts/dead-letters'],
  ['POST', '/api/queues/offline-reports/dead-letters/redrive'],
  ['GET', '/api/reports/runs'],
  ['GET', '/api/nothing-here'],
] as const;

describe('admin authentication and methods', () => {
  test.prop([fc.constantFrom(...ADMIN_REQUESTS), fc.option(wrongAuthorization, { nil: undefined })], { numRuns: 80 })(
    'answers 401 unauthorized on every admin route without the right bearer token',
    async ([method, path], authorization) => {
      const answer = await send(hostile().server, path, {
        method,
        headers: authorization === undefined ? {} : { authorization },
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{"users":[]}' }),
      });
      expectError(answer, 'unauthorized');
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    },
  );

  test.prop(
    [
      fc.constantFrom(...ADMIN_REQUESTS.map(([, path]) => path)),
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
      fc.oneof(notJsonText, hostileJson()),
    ],
    {
      numRuns: 60,
    },
  )('answers any method on any admin path without a 5xx, errors from the table', async (path, method, body) => {
    const answer = await admin(path, { method, ...(method === 'GET' ? {} : { body }) });
    if (answer.status >= 400) expectDocumentedError(answer, ADMIN_ERRORS);
  });
});

describe('the admin routes after every hostile body above', () => {
  it('still refuses empty bodies: nothing was planted on Object.prototype', async () => {
    expectError(await put(CLIENT, '{}'), 'invalid_body');
    expectError(await put(CLIENT, `{"${PROTOTYPE_KEYS[0]}":{"users":[]}}`), 'invalid_body');
    expectError(await admin('/api/queues/offline-reports', { method: 'POST', body: '{"destinatarios":[]}' }), 'invalid_body');
    expectError(await admin('/api/queues/offline-alerts', { method: 'POST', body: '[{"correo":"ana@example.com"}]' }), 'invalid_body');
    expectError(await admin('/api/reports/run', { method: 'POST', body: '{"distributionIds":"x"}' }), 'invalid_body');
    const stored = await put(CLIENT, '{"name":"Cliente Temporal","users":["50688888888@c.us"]}');
    expect(stored.body).toEqual({
      id: CLIENT,
      name: 'Cliente Temporal',
      contacts: [{ phone: '+506****8888' }],
      meltwaterDistributionIds: [],
      rejected: [],
    });
  });
});
