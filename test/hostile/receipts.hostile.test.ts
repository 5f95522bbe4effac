import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { fc, test } from '@fast-check/vitest';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBotmakerFake } from '../support/fakes/botmaker.fake.ts';
import { startGowaFake } from '../support/fakes/gowa.fake.ts';
import { startWaapiFake } from '../support/fakes/waapi.fake.ts';
import {
  brokenNesting,
  deeplyNested,
  hostileBytes,
  hostileContentEncoding,
  hostileJson,
  hostilePathSegment,
  hostileString,
  INHERITED_NAMES,
  isPlainObject,
  MALFORMED_ESCAPES,
  MAX_BODY_BYTES,
  notJsonText,
  sizedBodies,
  textOf,
  withPollution,
  type Labelled,
} from './hostile-bodies.ts';
import { expectError, expectHealthy, send, useHostileServer, type Answer } from './hostile-http.ts';

type Provider = 'waapi' | 'gowa' | 'botmaker';
const PROVIDERS: readonly Provider[] = ['waapi', 'gowa', 'botmaker'];

const fakes: { close(): Promise<void> }[] = [];
let secrets: { waapiToken: string; waapiInstance: string; gowaSecret: string; botmakerToken: string };

// One server with all three: Waapi sends, gowa stands in when it cannot, and one client goes through Botmaker.
const hostile = useHostileServer(async () => {
  const waapi = await startWaapiFake();
  const gowa = await startGowaFake();
  const botmaker = await startBotmakerFake();
  fakes.push(waapi, gowa, botmaker);
  secrets = {
    waapiToken: waapi.env.WAAPI_WEBHOOK_TOKEN,
    waapiInstance: waapi.env.WAAPI_INSTANCE_ID,
    gowaSecret: gowa.env['GOWA_WEBHOOK_SECRET']!,
    botmakerToken: botmaker.env.BOTMAKER_WEBHOOK_TOKEN,
  };
  return {
    ...waapi.env,
    ...gowa.env,
    ...botmaker.env,
    WHATSAPP_PROVIDER: 'waapi',
    WHATSAPP_FALLBACK_PROVIDER: 'gowa',
    WHATSAPP_CLIENT_PROVIDERS: JSON.stringify({ '6734a46da330314a4cd0c3da': 'botmaker' }),
  };
});
afterAll(async () => {
  for (const fake of fakes) await fake.close();
});

let from = 0;
beforeEach(() => {
  from = hostile().server.output.length;
});
afterEach(async () => {
  await expectHealthy(hostile().server, from);
});

/** A receipt call as the provider would make it: its secret where it puts it, right or wrong. */
function receipt(provider: Provider, body: string | Uint8Array, secret: 'right' | 'wrong', headers: Record<string, string> = {}) {
  const auth: Record<string, string> = {};
  let query = '';
  if (provider === 'waapi') query = `?token=${secret === 'right' ? secrets.waapiToken : `not-${secrets.waapiToken}`}`;
  if (provider === 'gowa') {
    const key = secret === 'right' ? secrets.gowaSecret : `not-${secrets.gowaSecret}`;
    auth['x-hub-signature-256'] = `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
  }
  if (provider === 'botmaker') auth['auth-bm-token'] = secret === 'right' ? secrets.botmakerToken : `not-${secrets.botmakerToken}`;
  return send(hostile().server, `/webhooks/${provider}${query}`, { method: 'POST', headers: { ...auth, ...headers }, body });
}

/** README "Routes": a provider past its secret check always gets `200 {"received","matched"}`. */
function expectAcknowledged(answer: Answer, received?: number): void {
  expect(answer.status, answer.text).toBe(200);
  expect(answer.body).toEqual({ received: expect.any(Number), matched: expect.any(Number) });
  const body = answer.body as { received: number; matched: number };
  // No delivery was ever sent here, so no receipt can match one.
  expect(body.matched).toBe(0);
  if (received !== undefined) expect(body.received, answer.text).toBe(received);
}

const provider = fc.constantFrom(...PROVIDERS);

describe('provider receipts under hostile bodies (README "Routes", docs/contracts/product.md §7)', () => {
  test.prop(
    [provider, fc.oneof(notJsonText, hostileJson(['event', 'data', 'payload', 'type', 'status', 'name', 'info', 'events', 'ids']))],
    {
      numRuns: 100,
    },
  )('acknowledges and ignores any body that is not a receipt', async (to, body) => {
    expectAcknowledged(await receipt(to, body, 'right'), 0);
  });

  test.prop([provider, fc.oneof(hostileBytes, deeplyNested, brokenNesting)], { numRuns: 40 })(
    'acknowledges bytes and nesting far past any stack',
    async (to, body: Uint8Array | Labelled) => {
      expectAcknowledged(await receipt(to, body instanceof Uint8Array ? body : textOf(body), 'right'), 0);
    },
  );

  test.prop([provider, withPollution(fc.constant('{"event":"message_ack","type":"status","status":"read","data":{"ack":3}}'))], {
    numRuns: 40,
  })('acknowledges receipts carrying prototype keys, which read no receipt', async (to, body) => {
    expectAcknowledged(await receipt(to, body, 'right'), 0);
  });

  test.prop([provider, fc.oneof(notJsonText, hostileJson()), fc.constantFrom('right', 'wrong')], { numRuns: 60 })(
    'answers 401 unauthorized to a wrong secret, whatever the body',
    async (to, body, secret) => {
      const answer = await receipt(to, body, secret as 'right' | 'wrong');
      if (secret === 'right') expectAcknowledged(answer, 0);
      else expectError(answer, 'unauthorized');
    },
  );

  test.prop([provider, sizedBodies((padding) => `{"event":"message_ack","note":"${padding}"}`)], { numRuns: 10 })(
    'answers 413 payload_too_large past 1 MiB and acknowledges up to it',
    async (to, { size, body }) => {
      const answer = await receipt(to, body, 'right');
      if (size > MAX_BODY_BYTES) expectError(answer, 'payload_too_large');
      else expectAcknowledged(answer, 0);
    },
  );

  test.prop([fc.constantFrom<Provider>('waapi', 'botmaker'), hostileContentEncoding, fc.boolean()], {
    numRuns: 20,
    examples: [
      ['botmaker', 'gzip', false],
      ['waapi', 'compress', false],
    ],
  })('acknowledges a body whose content coding cannot be undone, as any malformed receipt', async (to, encoding, gzipped) => {
    const text = '{"event":"message_ack"}';
    const answer = await receipt(to, gzipped ? new Uint8Array(gzipSync(text)) : text, 'right', { 'content-encoding': encoding });
    expectAcknowledged(answer, 0);
  });
});

/** Values where a status, an event name or an ack level goes: near misses, other types, inherited names. */
const statusWord = fc.oneof(
  fc.constantFrom('delivered', 'read', 'DELIVERED', 'Read', 'sent', 'failed', 'played', 'read-self', ' read', 'read '),
  fc.constantFrom('notification-delivered', 'notification-read', 'NOTIFICATION-READ', 'notification-sent'),
  fc.constantFrom(...INHERITED_NAMES),
  hostileString,
);
const statusValue = fc.oneof(
  statusWord.map((word) => JSON.stringify(word)),
  fc.constantFrom('null', 'true', '2', '3', '[]', '{}', '["read"]', '{"read":true}'),
);
const idValue = fc.oneof(
  fc.constantFrom('"3EB0ABCDEF0123456789"', '"5f1e0c0a0b0c0d0e0f101112"', '"  "', '""', 'null', '12', '[]', '{}', `"${'x'.repeat(201)}"`),
  fc.constantFrom(...INHERITED_NAMES).map((name) => JSON.stringify(name)),
  hostileString.map((text) => JSON.stringify(text)),
);
const ackValue = fc.oneof(
  fc.constantFrom('-1', '0', '1', '2', '3', '4', '5', '2.5', '"2"', '"3"', 'null', '[]', '{}', '1e400'),
  statusValue,
);

/** What a receipt id is for the receipts to count it: text, not blank, not longer than any provider's id. */
const isId = (value: unknown) => typeof value === 'string' && value.trim() !== '' && value.length <= 200;

/**
 * Botmaker's status notifications (docs/contracts/providers/botmaker.md): only `delivered` and `read` are receipts (in any
 * letter case), and only with an id to apply them to; anything else is acknowledged and ignored.
 */
const botmakerBodies = fc.oneof(
  fc
    .record({ status: statusValue, clientPayload: idValue, messageId: idValue })
    .map(
      ({ status, clientPayload, messageId }) =>
        `{"type":"status","status":${status},"clientPayload":${clientPayload},"messageId":${messageId}}`,
    ),
  fc.record({ name: statusValue, payload: idValue, messageId: idValue, wrap: fc.boolean() }).map(({ name, payload, messageId, wrap }) => {
    const event = `{"name":${name},"info":{"webhookPayload":${payload},"messageId":${messageId}}}`;
    return wrap ? `{"events":[${event}]}` : event;
  }),
);

function botmakerReceipts(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + botmakerReceipts(item), 0);
  if (!isPlainObject(value)) return 0;
  if (Array.isArray(value['events'])) return botmakerReceipts(value['events']);
  const word = (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : '');
  if (value['type'] === 'status') {
    const counted = ['delivered', 'read'].includes(word(value['status']));
    return counted && (isId(value['clientPayload']) || isId(value['messageId'])) ? 1 : 0;
  }
  const info = value['info'];
  const counted = ['notification-delivered', 'notification-read'].includes(word(value['name'] ?? value['type']));
  return counted && isPlainObject(info) && (isId(info['webhookPayload']) || isId(info['messageId'])) ? 1 : 0;
}

/** Waapi's `message_ack` (docs/contracts/providers/waapi.md §7): ack 2 is delivered, 3 and 4 read, -1 failed; the first numeric ack wins. */
const waapiBodies = fc
  .record({ instance: fc.constantFrom('ours', 'other', 'absent'), outer: ackValue, inner: ackValue, id: idValue })
  .map(({ instance, outer, inner, id }) => {
    const instanceId = { ours: `"instanceId":"${secrets.waapiInstance}",`, other: '"instanceId":"99999",', absent: '' }[instance];
    return `{"event":"message_ack",${instanceId}"data":{"ack":${outer},"message":{"id":{"_serialized":${id}},"ack":${inner}}}}`;
  });

function waapiReceipts(value: unknown): number {
  if (!isPlainObject(value) || value['event'] !== 'message_ack') return 0;
  const instanceId = value['instanceId'];
  if (instanceId !== undefined && instanceId !== null && String(instanceId) !== secrets.waapiInstance) return 0;
  const data = isPlainObject(value['data']) ? value['data'] : {};
  const message = isPlainObject(data['message']) ? data['message'] : {};
  const id = isPlainObject(message['id']) ? message['id']['_serialized'] : message['id'];
  const ack = [data['ack'], message['ack']].find((level) => typeof level === 'number');
  return typeof id === 'string' && id !== '' && (ack === -1 || ack === 2 || ack === 3 || ack === 4) ? 1 : 0;
}

/** gowa's `message.ack` (docs/contracts/providers/gowa.md §6.4): `delivered` and `read` only, one receipt per distinct id. */
const gowaBodies = fc
  .record({ type: statusValue, ids: fc.array(idValue, { maxLength: 4 }) })
  .map(({ type, ids }) => `{"event":"message.ack","payload":{"receipt_type":${type},"ids":[${ids.join(',')}]}}`);

function gowaReceipts(value: unknown): number {
  if (!isPlainObject(value) || value['event'] !== 'message.ack' || !isPlainObject(value['payload'])) return 0;
  const { receipt_type: type, ids } = value['payload'];
  if ((type !== 'delivered' && type !== 'read') || !Array.isArray(ids)) return 0;
  return new Set(ids.filter((id) => typeof id === 'string' && id !== '')).size;
}

/** Status words that name what every object inherits, known to be tried first. */
const EXAMPLES: Record<Provider, [string][]> = {
  botmaker: [
    ['{"type":"status","status":"constructor","messageId":"3EB0ABCDEF0123456789"}'],
    ['{"name":"__proto__","info":{"messageId":"3EB0ABCDEF0123456789"}}'],
    ['{"type":"status","status":"constructor","clientPayload":"5f1e0c0a0b0c0d0e0f101112"}'],
  ],
  waapi: [['{"event":"message_ack","data":{"ack":"constructor","message":{"id":{"_serialized":"true_1@c.us_X"}}}}']],
  gowa: [['{"event":"message.ack","payload":{"receipt_type":"constructor","ids":["X"]}}']],
};

describe('receipt-shaped bodies with hostile values', () => {
  const cases = [
    { to: 'botmaker', bodies: botmakerBodies, count: botmakerReceipts },
    { to: 'waapi', bodies: waapiBodies, count: waapiReceipts },
    { to: 'gowa', bodies: gowaBodies, count: gowaReceipts },
  ] as const;
  for (const { to, bodies, count } of cases) {
    test.prop([bodies], { numRuns: 80, examples: EXAMPLES[to] })(
      `${to}: counts only real receipts, ignores the rest, and never fails the call`,
      async (body) => {
        expectAcknowledged(await receipt(to, body, 'right'), count(JSON.parse(body)));
      },
    );
  }
});

describe('receipt paths', () => {
  test.prop([hostilePathSegment, fc.constantFrom('{}', 'not json')], { numRuns: 40 })(
    'answers 404 not_found for a provider that posts no receipts here',
    async (segment, body) => {
      expectError(await send(hostile().server, `/webhooks/${segment}`, { method: 'POST', body }), 'not_found');
    },
  );

  test.prop([fc.constantFrom('cliengo', 'chattonic', 'outbox', 'WAAPI', 'Gowa', 'waapi%00', ...INHERITED_NAMES)], { numRuns: 20 })(
    'answers 404 not_found for providers not in use, other spellings and inherited names',
    async (name) => {
      expectError(await send(hostile().server, `/webhooks/${name}`, { method: 'POST', body: '{}' }), 'not_found');
    },
  );

  test.prop([fc.constantFrom(...MALFORMED_ESCAPES)], { numRuns: 10 })(
    'answers 404 not_found for a provider name that cannot be decoded',
    async (segment) => {
      expectError(await send(hostile().server, `/webhooks/${segment}`, { method: 'POST', body: '{}' }), 'not_found');
    },
  );
});

describe('the receipts after every hostile body above', () => {
  it('still read no receipt from an empty body: nothing was planted on Object.prototype', async () => {
    for (const to of PROVIDERS)
      for (const body of ['{}', '[{}]', '{"events":[{}]}']) expectAcknowledged(await receipt(to, body, 'right'), 0);
  });
});
