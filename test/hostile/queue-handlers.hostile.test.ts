import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { DispatchDelivery } from '../../src/application/use-cases/dispatch-delivery.use-case.ts';
import { processSqsBatch } from '../../src/entrypoints/lambda/sqs-batch.ts';
import { dispatchQueueHandler } from '../../src/entrypoints/shared/dispatch-queue-handler.ts';
import {
  offlineAlertsHandler,
  offlineReportsHandler,
  type InboundHandler,
  type QueueOutcome,
} from '../../src/entrypoints/shared/inbound-queue-handlers.ts';
import { embeddedServices } from '../support/embedded-services.ts';
import { sqsEvent } from '../support/lambda-events.ts';
import {
  ALERT_KEYS,
  brokenNesting,
  deeplyNested,
  documentedAlertsBody,
  documentedReportBody,
  hostileBytes,
  hostileJson,
  INHERITED_NAMES,
  isDocumentedAlertsBody,
  isDocumentedReportBody,
  isPlainObject,
  notJsonText,
  parsedJson,
  renderObject,
  REPORT_KEYS,
  textOf,
  valueOtherThan,
  withPollution,
  type Labelled,
} from './hostile-bodies.ts';
import { outageDeps } from '../support/outage-deps.ts';

/**
 * The queue edges as the worker and the Lambda functions run them, over the real use cases and the
 * embedded adapters (SQLite in memory, report files in a temporary folder, the outbox provider).
 */
const reportsDir = mkdtempSync(join(tmpdir(), 'cvt-hostile-queues-'));
afterAll(() => rmSync(reportsDir, { recursive: true, force: true }));
const services = embeddedServices(reportsDir);
const dispatch = new DispatchDelivery({
  ledger: services.ledger,
  messaging: services.outbox,
  push: null,
  clock: services.clock,
  logger: services.logger,
  retryPolicy: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 },
  leaseMs: 30_000,
  random: () => 0.5,
  ...outageDeps({ ledger: services.ledger, clock: services.clock, logger: services.logger }),
});
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

const DELIVERY_ID = /^[0-9a-f]{32}$/u;
const isDispatchMessage = (value: unknown) =>
  isPlainObject(value) && typeof value['deliveryId'] === 'string' && DELIVERY_ID.test(value['deliveryId']);

const QUEUES = {
  'offline-reports': {
    handle: offlineReportsHandler(services.processReport),
    valid: isDocumentedReportBody,
    keys: REPORT_KEYS,
    documented: documentedReportBody({ whatsapp: true }).map(({ text }) => text),
  },
  'offline-alerts': {
    handle: offlineAlertsHandler(services.processAlerts, services.logger),
    valid: isDocumentedAlertsBody,
    keys: ALERT_KEYS,
    documented: documentedAlertsBody,
  },
  dispatch: {
    handle: dispatchQueueHandler({ dispatch, ledger: services.ledger, clock: services.clock }),
    valid: isDispatchMessage,
    keys: ['deliveryId'],
    documented: fc.stringMatching(/^[0-9a-f]{32}$/u).map((id) => JSON.stringify({ deliveryId: id })),
  },
} as const satisfies Record<
  string,
  { handle: InboundHandler; valid: (value: unknown) => boolean; keys: readonly string[]; documented: fc.Arbitrary<string> }
>;

type Queue = keyof typeof QUEUES;

/** The handler's verdict, or what it threw: a handler that throws turns every bad message into a retry. */
async function outcomeOf(queue: Queue, body: string): Promise<QueueOutcome | { kind: 'threw'; error: unknown }> {
  try {
    return await QUEUES[queue].handle(body);
  } catch (error) {
    return { kind: 'threw', error };
  }
}

/** A body that can never be processed is dead-lettered at once, with a reason to read; any other is never refused. */
async function expectVerdict(queue: Queue, body: string): Promise<void> {
  const outcome = await outcomeOf(queue, body);
  const parsed = parsedJson(body);
  if (parsed === undefined || !QUEUES[queue].valid(parsed.value)) {
    expect(outcome).toEqual({ kind: 'invalid', reason: expect.stringMatching(/\S/u) });
    return;
  }
  expect(['done', 'retry'], JSON.stringify(outcome)).toContain(outcome.kind);
  if (outcome.kind === 'retry') {
    // Only a report that is not stored yet may pass later; an alert or a dispatch message never waits.
    expect(queue).toBe('offline-reports');
    expect(outcome.reason).toMatch(/does not exist/u);
  }
}

const queue = fc.constantFrom<Queue>('offline-reports', 'offline-alerts', 'dispatch');

describe('queue handlers under hostile bodies', () => {
  test.prop(
    [
      queue,
      fc.oneof(
        notJsonText,
        hostileBytes.map((bytes) => Buffer.from(bytes).toString('utf8')),
        brokenNesting,
      ),
    ],
    { numRuns: 100 },
  )('dead-letter anything that is not JSON with the reason, never a retry, never an exception', async (to, body: string | Labelled) => {
    await expectVerdict(to, textOf(body));
  });

  test.prop([queue.chain((to) => fc.tuple(fc.constant(to), hostileJson(QUEUES[to].keys)))], { numRuns: 150 })(
    'dead-letter any JSON that is not the documented body, and take any that is',
    async ([to, body]) => {
      await expectVerdict(to, body);
    },
  );

  test.prop([queue, deeplyNested], { numRuns: 20 })('read nesting far past any stack, alone and in every field', async (to, deep) => {
    const bodies: Record<Queue, string[]> = {
      'offline-reports': [
        deep.text,
        `{"idEnvio":"deep","destinatarios":[${deep.text}]}`,
        `{"idEnvio":"deep","destinatarios":[],"subject":${deep.text}}`,
      ],
      'offline-alerts': [
        deep.text,
        `[${deep.text}]`,
        `[{"nota":"n","titulo":"t","correo":"ana@example.com","onesignalDevices":${deep.text}}]`,
        `[{"nota":"n","titulo":"t","correo":"ana@example.com"},${deep.text}]`,
      ],
      dispatch: [deep.text, `{"deliveryId":${deep.text}}`],
    };
    for (const body of bodies[to]) await expectVerdict(to, body);
  });

  test.prop([queue.chain((to) => fc.tuple(fc.constant(to), withPollution(QUEUES[to].documented)))], { numRuns: 60 })(
    'treat prototype keys as data',
    async ([to, body]) => {
      await expectVerdict(to, body);
    },
  );
});

/** Report ids that would climb out of their folder, or name nothing. */
const unsafeReportId = fc.constantFrom(
  '',
  ' ',
  '../informes/x',
  '..',
  'a..b',
  '.hidden',
  '-x',
  'a/b',
  'a\\b',
  'a b',
  'x'.repeat(129),
  '%2e%2e',
  'informe\u0000',
  'ñ',
);

describe('queue bodies with one field of the wrong type', () => {
  const reportField = fc.oneof(
    valueOtherThan(['array']).map((wrong) => ({ destinatarios: wrong })),
    valueOtherThan(['string', 'integer']).map((wrong) => ({ idEnvio: wrong })),
    fc
      .oneof(
        unsafeReportId.map((id) => JSON.stringify(id)),
        fc.constantFrom('-1', '1.5', '1e21', '9007199254740993'),
      )
      .map((wrong) => ({ idEnvio: wrong })),
    valueOtherThan(['string', 'number', 'null']).map((wrong) => ({ subject: wrong })),
  );
  test.prop([reportField], { numRuns: 80 })('offline-reports: dead-letters a body with a bad field', async (replaced) => {
    const body = renderObject({ destinatarios: '["50688888888@c.us"]', idEnvio: '"abc123"', subject: '"Informe"', ...replaced });
    expect(await outcomeOf('offline-reports', body)).toEqual({ kind: 'invalid', reason: expect.stringMatching(/\S/u) });
  });

  const alertField = fc.oneof(
    fc
      .oneof(valueOtherThan(['string', 'integer']), fc.constantFrom('""', '"   "', JSON.stringify('n'.repeat(129)), '1.5'))
      .map((wrong) => ({ nota: wrong })),
    fc
      .oneof(valueOtherThan(['string']), fc.constantFrom('""', '"\\n\\t"', JSON.stringify('t'.repeat(2_001))))
      .map((wrong) => ({ titulo: wrong })),
    fc
      .oneof(valueOtherThan(['string']), fc.constantFrom('""', '" "', JSON.stringify(`${'a'.repeat(320)}@x.cr`)))
      .map((wrong) => ({ correo: wrong })),
    valueOtherThan(['string', 'number', 'null']).map((wrong) => ({ cliente: wrong })),
  );
  test.prop([fc.array(alertField, { minLength: 1, maxLength: 3 })], { numRuns: 80 })(
    'offline-alerts: dead-letters a list whose every entry has a bad field',
    async (entries) => {
      const valid = { nota: '"66f1c0ffee"', titulo: '"Título"', cliente: '"5792a7288ac8f35b0aa93bee"', correo: '"50688888888@c.us"' };
      const body = `[${entries.map((replaced) => renderObject({ ...valid, ...replaced })).join(',')}]`;
      expect(await outcomeOf('offline-alerts', body)).toEqual({ kind: 'invalid', reason: expect.stringMatching(/\S/u) });
    },
  );

  test.prop(
    [
      fc.oneof(
        valueOtherThan(['string']),
        fc.constantFrom(
          '""',
          '"0123456789ABCDEF0123456789ABCDEF"',
          `"${'a'.repeat(31)}"`,
          `"${'a'.repeat(33)}"`,
          ...INHERITED_NAMES.map((name) => JSON.stringify(name)),
        ),
      ),
    ],
    {
      numRuns: 40,
    },
  )('dispatch: dead-letters a message that names no delivery', async (wrong) => {
    expect(await outcomeOf('dispatch', `{"deliveryId":${wrong}}`)).toEqual({ kind: 'invalid', reason: expect.stringMatching(/\S/u) });
  });
});

/** Valid by the letter of docs/contracts/product.md §1.4, with a note id or a client that is not well-formed Unicode (a JSON escape). */
const LONE_SURROGATE_ALERTS = [
  '[{"nota":"\\ud800","titulo":"Nota con id roto","correo":"50688888888@c.us"}]',
  '[{"nota":"n-cliente-roto","titulo":"Nota de un cliente roto","cliente":"\\udc00","correo":"ana@example.com"}]',
];

describe('documented queue bodies with hostile content', () => {
  test.prop([documentedReportBody({ whatsapp: true })], { numRuns: 40 })(
    'offline-reports: processes the report once it is stored, and sends what it queued',
    async ({ idEnvio, text }) => {
      mkdirSync(join(reportsDir, 'informes'), { recursive: true });
      writeFileSync(join(reportsDir, 'informes', `${idEnvio}.html`), '<div class="notasDirectas"><p>Nota</p></div>');
      expect(await outcomeOf('offline-reports', text)).toEqual({ kind: 'done' });
      await expect(services.sendAll()).resolves.toBeDefined();
    },
  );

  test.prop([documentedAlertsBody], { numRuns: 60, examples: LONE_SURROGATE_ALERTS.map((body) => [body]) })(
    'offline-alerts: processes any list with a valid entry, and sends what it queued',
    async (body) => {
      expect(await outcomeOf('offline-alerts', body)).toEqual({ kind: 'done' });
      await expect(services.sendAll()).resolves.toBeDefined();
    },
  );

  it('left no delivery failed after all the hostile text it sent', async () => {
    expect(await services.ledger.list({ status: 'failed', limit: 10 })).toEqual([]);
    expect(services.logger.lines.filter((line) => line.level === 'error')).toEqual([]);
  });
});

describe('the Lambda SQS edge (partial batch responses) under hostile records', () => {
  const record = (to: 'offline-reports' | 'offline-alerts') =>
    fc.oneof(
      (to === 'offline-reports' ? documentedReportBody({ whatsapp: false }).map(({ text }) => text) : documentedAlertsBody).map((body) => ({
        body,
        good: true,
      })),
      fc
        .oneof(
          notJsonText,
          hostileJson(QUEUES[to].keys).filter((text) => !QUEUES[to].valid(JSON.parse(text))),
        )
        .map((body) => ({ body, good: false })),
    );

  for (const to of ['offline-reports', 'offline-alerts'] as const) {
    test.prop([fc.array(record(to), { minLength: 1, maxLength: 10 })], {
      numRuns: 40,
      examples: to === 'offline-alerts' ? [[[{ body: LONE_SURROGATE_ALERTS[1]!, good: true }]]] : [],
    })(`${to}: reports exactly the records that can never be processed, and dead-letters none of the others`, async (records) => {
      const before = services.logger.lines.length;
      const event = sqsEvent(records.map(({ body }, index) => ({ messageId: `m-${index}`, body })));
      const response = await processSqsBatch(event, (sqsRecord) => QUEUES[to].handle(sqsRecord.body), services.logger);
      const bad = records.flatMap(({ good }, index) => (good ? [] : [{ itemIdentifier: `m-${index}` }]));
      expect(response).toEqual({ batchItemFailures: bad });
      const lines = services.logger.lines.slice(before);
      expect(lines.filter((line) => line.message.includes('can never be processed'))).toHaveLength(bad.length);
      expect(lines.filter((line) => line.level === 'error')).toEqual([]);
    });
  }
});

describe('the process after every hostile body above', () => {
  it('planted nothing on Object.prototype', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
