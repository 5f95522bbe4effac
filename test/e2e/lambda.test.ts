import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DatabaseSync } from 'node:sqlite';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyResult, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteClientRegistry } from '../../src/adapters/sqlite/sqlite.client-registry.adapter.ts';
import type { ClientId } from '../../src/domain/clients/client-id.ts';
import { startEmptyMongod } from '../support/empty-mongod.ts';
import { startWaapiFake } from '../support/fakes/waapi.fake.ts';
import { startFauxqs, type Fauxqs, type FauxqsQueue } from '../support/fauxqs.ts';
import { readSamTemplate } from '../support/sam-template.ts';
import { hubSignature, httpApiEvent, restApiEvent, sqsEvent } from '../support/lambda-events.ts';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.ts';
import { meltwaterNewsletterHtml } from '../support/meltwater-newsletter.ts';

/**
 * The built Lambda bundles (dist/lambda/<name>/index.mjs), invoked with the events AWS would send, against
 * S3 and SQS emulated by fauxqs on 127.0.0.1. The store is SQLite in a temporary folder (no MongoDB here).
 */
const CLIENT = '5792a7288ac8f35b0aa93bee';
const DISTRIBUTION = '6734a46da330314a4cd0c3da';
const BUCKET = 'ciris-controles-prod';
const TOKEN = 'webhook-token-for-lambda-0123456789';
const HOOK_SECRET = 'hook-secret-for-lambda-01234';

const execFileAsync = promisify(execFile);

type HttpHandler = (event: unknown) => Promise<APIGatewayProxyResult>;
type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

let fauxqs: Fauxqs;
let meltwater: LoopbackServer;
let queues: Record<'reports' | 'alerts' | 'dispatch', FauxqsQueue>;
let dataDir: string;

beforeAll(async () => {
  fauxqs = await startFauxqs();
  await fauxqs.createBucket(BUCKET);
  queues = {
    reports: await fauxqs.createQueue('whatsapp-informes', { maxReceiveCount: 3 }),
    alerts: await fauxqs.createQueue('notificaciones-controles', { maxReceiveCount: 3 }),
    dispatch: await fauxqs.createQueue('cvt-whatsapp-dispatch', { maxReceiveCount: 10 }),
  };
  meltwater = await startLoopbackServer((_request, response) =>
    response.end(
      meltwaterNewsletterHtml({
        title: 'Resumen',
        items: [
          {
            headline: 'Asamblea aprueba el presupuesto nacional',
            url: 'https://www.nacion.com/presupuesto',
            source: 'La Nación',
            date: 'hoy',
          },
        ],
        token: 'b'.repeat(24),
        sentAt: new Date(),
      }),
    ),
  );
  dataDir = mkdtempSync(join(tmpdir(), 'cvt-lambda-'));
  Object.assign(process.env, {
    ...fauxqs.env,
    STORE: 'sqlite',
    DATA_DIR: dataDir,
    REPORT_STORE: 's3',
    S3_BUCKET: BUCKET,
    QUEUE: 'sqs',
    SQS_OFFLINE_REPORTS_URL: queues.reports.url,
    SQS_OFFLINE_ALERTS_URL: queues.alerts.url,
    SQS_DISPATCH_URL: queues.dispatch.url,
    MELTWATER_WEBHOOK_TOKEN: TOKEN,
    MELTWATER_HOOK_SECRET: HOOK_SECRET,
    MELTWATER_NEWSLETTER_URL: `${meltwater.url}/nl/{distributionId}/html`,
    WHATSAPP_PROVIDER: 'outbox',
    WHATSAPP_RECIPIENT_SPACING_MS: '0',
    LOG_LEVEL: 'warn',
  });
  const db = openDatabase(join(dataDir, 'cvt-whatsapp.db'));
  await new SqliteClientRegistry(db).save({
    id: CLIENT as ClientId,
    name: 'Cliente Temporal',
    provider: null,
    users: ['50688888888@c.us', '50677777777@c.us', `${DISTRIBUTION}@meltwater.com`, 'ana@example.com'],
  });
  db.close();
});

afterAll(async () => {
  await meltwater.close();
  await fauxqs.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const bundle = async <T>(name: string): Promise<T> =>
  ((await import(join(process.cwd(), 'dist/lambda', name, 'index.mjs'))) as { handler: T }).handler;

/**
 * A cold start on a new Lambda instance: a Node process of its own imports the bundle and invokes it once
 * with `event`, in the test's environment plus `env`. Answers what the handler returned or the message it
 * threw, and what the process wrote to stderr (Node's own warnings left out). The process then exits: a MongoDB
 * client keeps its connections open for the next invocation, as a Lambda instance does.
 */
async function coldStart(
  name: string,
  event: unknown,
  env: Record<string, string>,
): Promise<{ answer: unknown; error: string | null; stderr: string }> {
  return coldStartIn(name, event, { ...(process.env as Record<string, string>), ...env });
}

/** {@link coldStart} in exactly the environment `env`. */
async function coldStartIn(
  name: string,
  event: unknown,
  env: Record<string, string>,
): Promise<{ answer: unknown; error: string | null; stderr: string }> {
  const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(process.cwd(), 'dist/lambda', name, 'index.mjs')).href)});
const outcome = await handler(${JSON.stringify(event)}).then((answer) => ({ answer, error: null }), (error) => ({ answer: null, error: error.message }));
process.stdout.write('\\n' + JSON.stringify(outcome), () => process.exit(0));`;
  const { stdout, stderr } = await execFileAsync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
    env,
    // A start that never ends (a module waiting for itself, a connection never closed) fails here, its process killed.
    timeout: 30_000,
  });
  // The function's own log lines come first, on standard output as on AWS; the outcome is the last line.
  return { ...(JSON.parse(stdout.slice(stdout.lastIndexOf('\n') + 1)) as { answer: unknown; error: string | null }), stderr };
}

/** The entries of `record` that hold a value, as an HTTP event carries them. */
function definedOnly(record: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Takes what is waiting on the dispatch queue, as Lambda's event source mapping would. */
async function dispatchBatch(): Promise<SQSEvent> {
  const received = await fauxqs.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queues.dispatch.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 30 }),
  );
  return sqsEvent(
    (received.Messages ?? []).map((message) => ({
      messageId: message.MessageId!,
      body: message.Body!,
      receiptHandle: message.ReceiptHandle!,
    })),
    queues.dispatch.arn,
  );
}

/** The client's Meltwater alert for one document, through the webhook function: its answer's body. */
async function alertFor(document: { id: string; url: string; title: string }): Promise<unknown> {
  const webhook = await bundle<HttpHandler>('meltwater-webhook');
  const body = JSON.stringify({ documents: [{ id: document.id, url: document.url, content: { title: document.title } }] });
  const answer = await webhook(
    httpApiEvent({ path: `/api/mw/whatsapp/${CLIENT}`, pathParameters: { clientId: CLIENT }, body, query: { token: TOKEN } }),
  );
  return JSON.parse(answer.body);
}

async function deleteRecords(records: readonly { receiptHandle: string }[]): Promise<void> {
  for (const { receiptHandle } of records)
    await fauxqs.sqs.send(new DeleteMessageCommand({ QueueUrl: queues.dispatch.url, ReceiptHandle: receiptHandle }));
}

/** Who a provider fake took messages for, sorted. */
function recipients(accepted: readonly { to: string }[]): string[] {
  return accepted.map((message) => message.to).sort();
}

function outbox(): { recipient: string; text: string }[] {
  const db = new DatabaseSync(join(dataDir, 'outbox.db'), { readOnly: true });
  try {
    return db.prepare('SELECT recipient, text FROM outbox ORDER BY id').all() as { recipient: string; text: string }[];
  } finally {
    db.close();
  }
}

describe('the Lambda bundles, end to end against fauxqs', () => {
  it('meltwater-webhook answers REST (v1, base64, signed) and HTTP API (v2) events, and hands deliveries to the dispatch queue', async () => {
    const handler = await bundle<HttpHandler>('meltwater-webhook');
    const body = JSON.stringify({
      documents: [
        { id: 'doc-1', url: 'https://www.crhoy.com/a', content: { title: 'Noticia de la madrugada' }, source: { name: 'CRHoy' } },
      ],
    });
    const signed = await handler(
      restApiEvent({
        path: `/api/mw/whatsapp/${CLIENT}`,
        pathParameters: { clientId: CLIENT },
        body,
        headers: { 'X-Hub-Signature': hubSignature(HOOK_SECRET, body) },
      }),
    );
    expect({ status: signed.statusCode, body: JSON.parse(signed.body) }).toEqual({
      status: 202,
      body: { accepted: 1, queued: 2, duplicates: 0 },
    });

    const repeated = await handler(
      httpApiEvent({ path: `/whatsapp/${CLIENT}`, pathParameters: { clientId: CLIENT }, body, query: { token: TOKEN } }),
    );
    expect(JSON.parse(repeated.body)).toEqual({ accepted: 1, queued: 0, duplicates: 2 });
    const refused = await handler(
      httpApiEvent({
        path: `/api/mw/whatsapp/${CLIENT}`,
        pathParameters: { clientId: CLIENT },
        body,
        query: { token: 'wrong-token-0123456789' },
      }),
    );
    expect([refused.statusCode, JSON.parse(refused.body).error]).toEqual([401, 'unauthorized']);
    const badId = await handler(
      httpApiEvent({ path: '/api/mw/whatsapp/nope', pathParameters: { clientId: 'nope' }, body, query: { token: TOKEN } }),
    );
    expect([badId.statusCode, badId.headers?.['content-type'], JSON.parse(badId.body).error]).toEqual([
      400,
      'application/json; charset=utf-8',
      'invalid_client_id',
    ]);

    const dispatcher = await bundle<SqsHandler>('dispatcher');
    // The repeated call published the two deliveries again (they were still queued): harmless, as the outbox shows.
    const batch = await dispatchBatch();
    expect(batch.Records).toHaveLength(4);
    expect(await dispatcher(batch)).toEqual({ batchItemFailures: [] });
    expect(
      outbox()
        .map((message) => message.recipient)
        .sort(),
    ).toEqual(['+50677777777', '+50688888888']);
    expect(outbox()[0]!.text).toBe('*Alerta de noticia*\n\nNoticia de la madrugada\nFuente: CRHoy\n\nhttps://www.crhoy.com/a');
  });

  it('dispatcher sends through an HTTP provider (Waapi) and receipts records its acknowledgement, the adapter loaded on demand as on AWS', async () => {
    const waapi = await startWaapiFake();
    try {
      expect(await alertFor({ id: 'doc-waapi', url: 'https://www.crhoy.com/b', title: 'Otra noticia' })).toMatchObject({ queued: 2 });
      const batch = await dispatchBatch();
      const sent = await coldStart('dispatcher', batch, {
        WHATSAPP_PROVIDER: 'waapi',
        ...waapi.env,
        WAAPI_MIN_INTERVAL_MS: '0',
        WAAPI_JITTER_MS: '0',
      });
      expect(sent).toEqual({ answer: { batchItemFailures: [] }, error: null, stderr: '' });
      expect(recipients(waapi.fake.accepted())).toEqual(['+50677777777', '+50688888888']);
      expect(waapi.fake.accepted()[0]!.text).toContain('Otra noticia');

      // Waapi tells the receipts function that the first one was delivered.
      const callback = waapi.fake.receipt(waapi.fake.messageIds()[0]!, 'delivered', true);
      const receipts = await coldStart(
        'receipts',
        httpApiEvent({
          path: '/webhooks/waapi',
          pathParameters: { provider: 'waapi' },
          body: Buffer.from(callback.rawBody).toString('utf8'),
          headers: definedOnly(callback.headers),
          query: definedOnly(callback.query),
        }),
        { WHATSAPP_PROVIDER: 'waapi', ...waapi.env },
      );
      const answer = receipts.answer as APIGatewayProxyResult;
      expect({ status: answer.statusCode, body: JSON.parse(answer.body), stderr: receipts.stderr }).toEqual({
        status: 200,
        body: { received: 1, matched: 1 },
        stderr: '',
      });
    } finally {
      await waapi.close();
    }
  });

  it('dispatcher hands a delivery the provider rate-limited back to the dispatch queue after the wait Waapi asked for, and sends it when it comes back', async () => {
    const waapi = await startWaapiFake();
    // One try in process: the 429 goes straight to the durable retry, through the dispatch queue.
    const env = {
      WHATSAPP_PROVIDER: 'waapi',
      ...waapi.env,
      WAAPI_MIN_INTERVAL_MS: '0',
      WAAPI_JITTER_MS: '0',
      WHATSAPP_RETRY_ATTEMPTS: '1',
      DISPATCH_RETRY_BASE_MS: '10',
    };
    try {
      expect(await alertFor({ id: 'doc-limited', url: 'https://www.crhoy.com/c', title: 'Noticia limitada' })).toMatchObject({ queued: 2 });
      // The first send is answered 429 with Retry-After: 2 (Laravel's throttle), the second goes through.
      waapi.fake.fail('rate_limited');
      const batch = await dispatchBatch();
      const first = await coldStart('dispatcher', batch, env);
      const failed = (first.answer as SQSBatchResponse).batchItemFailures.map((failure) => failure.itemIdentifier);
      expect({ failed: failed.length, sent: waapi.fake.accepted().length, error: first.error }).toEqual({
        failed: 1,
        sent: 1,
        error: null,
      });
      expect(first.stderr).not.toContain('could not delay the record');
      // As Lambda's event source does: the records not reported failed are deleted.
      await deleteRecords(batch.Records.filter((record) => !failed.includes(record.messageId)));

      // Received with a 30 s visibility, the record is visible again once the 2 s Waapi asked for have passed
      // (a long poll answers as soon as any message is visible: poll until it is this one, or three polls gave nothing).
      let back: Message[] = [];
      for (let poll = 0, empty = 0; back.length === 0 && empty < 3 && poll < 10; poll++) {
        const again = await fauxqs.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queues.dispatch.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 20, VisibilityTimeout: 30 }),
        );
        if ((again.Messages ?? []).length === 0) empty++;
        back = (again.Messages ?? []).filter((message) => message.MessageId === failed[0]);
      }
      expect(back).toHaveLength(1);
      const second = await coldStart(
        'dispatcher',
        sqsEvent([{ messageId: back[0]!.MessageId!, body: back[0]!.Body!, receiptHandle: back[0]!.ReceiptHandle! }], queues.dispatch.arn),
        env,
      );
      expect(second).toEqual({ answer: { batchItemFailures: [] }, error: null, stderr: '' });
      await deleteRecords([{ receiptHandle: back[0]!.ReceiptHandle! }]);
      expect(recipients(waapi.fake.accepted())).toEqual(['+50677777777', '+50688888888']);
    } finally {
      await waapi.close();
    }
  });

  it('dispatcher reports a record that names no delivery as failed, so that redrive dead-letters it', async () => {
    const dispatcher = await bundle<SqsHandler>('dispatcher');
    expect(await dispatcher(sqsEvent([{ messageId: 'garbage', body: 'not json' }], queues.dispatch.arn))).toEqual({
      batchItemFailures: [{ itemIdentifier: 'garbage' }],
    });
  });

  it('offline-reports stores the page in S3 where the link points and fails only the malformed record of a batch', async () => {
    await fauxqs.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'informes/abc123.html',
        Body: '<div class="notasDirectas"><p>Nota directa de hoy</p></div>',
        ContentType: 'text/html',
      }),
    );
    const handler = await bundle<SqsHandler>('offline-reports');
    const good = JSON.stringify({ destinatarios: ['50688888888@c.us', 'ana@example.com'], idEnvio: 'abc123', subject: 'Informe matutino' });
    const response = await handler(
      sqsEvent(
        [
          { messageId: 'good', body: good },
          { messageId: 'bad', body: '{"idEnvio": "../etc"' },
        ],
        queues.reports.arn,
      ),
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });

    const page = await fauxqs.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'informes/abc123.html' }));
    expect(page.ContentType).toBe('text/html; charset=utf-8');
    expect(await page.Body!.transformToString()).toContain('Notas Directas');
    const batch = await dispatchBatch();
    expect(batch.Records).toHaveLength(1);
    await (
      await bundle<SqsHandler>('dispatcher')
    )(batch);
    expect(outbox().at(-1)).toEqual({
      recipient: '+50688888888',
      text: 'Informe matutino\n\nhttps://media.controles.co.cr/informes/abc123.html',
    });
  });

  it('offline-alerts fails only the record that can never be processed', async () => {
    const handler = await bundle<SqsHandler>('offline-alerts');
    const good = JSON.stringify([
      { nota: 'n-1', titulo: 'Título de la nota', cliente: CLIENT, correo: '50677777777@c.us', onesignalDevices: [] },
    ]);
    expect(
      await handler(
        sqsEvent(
          [
            { messageId: 'good', body: good },
            { messageId: 'bad', body: '[]' },
          ],
          queues.alerts.arn,
        ),
      ),
    ).toEqual({
      batchItemFailures: [{ itemIdentifier: 'bad' }],
    });
    expect((await dispatchBatch()).Records).toHaveLength(1);
  });

  it('newsletter-run runs on a scheduled event and stores CVT\u2019s page in S3', async () => {
    const handler = await bundle<(event: unknown) => Promise<unknown>>('newsletter-run');
    const summary = await handler({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      time: new Date().toISOString(),
      detail: {},
    });
    expect(summary).toEqual({ checked: 1, sent: 1, unchanged: 0, failed: [], skipped: [] });
    const page = await fauxqs.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `informesmw/${DISTRIBUTION}.html` }));
    expect(await page.Body!.transformToString()).toContain('Asamblea aprueba el presupuesto nacional');
    expect((await dispatchBatch()).Records).toHaveLength(2);
  });

  it('receipts answers 404 for a provider that posts none here, and dispatch-sweep finds nothing stranded', async () => {
    const receipts = await bundle<HttpHandler>('receipts');
    const answer = await receipts(httpApiEvent({ path: '/webhooks/outbox', pathParameters: { provider: 'outbox' }, body: '{}' }));
    expect([answer.statusCode, JSON.parse(answer.body).error]).toEqual([404, 'not_found']);
    expect(await (await bundle<() => Promise<unknown>>('dispatch-sweep'))()).toEqual({ swept: 0, expired: 0 });
  });

  it('loads the MongoDB driver, connects and queries with STORE=mongodb, as deployed on AWS', async () => {
    const mongod = await startEmptyMongod();
    try {
      const mongodb = { STORE: 'mongodb', MONGODB_URI: mongod.uri };
      expect(await coldStart('dispatch-sweep', {}, mongodb)).toEqual({ answer: { swept: 0, expired: 0 }, error: null, stderr: '' });
      const body = JSON.stringify({ documents: [{ id: 'doc-1', url: 'https://www.crhoy.com/a', content: { title: 'Noticia' } }] });
      const webhook = await coldStart(
        'meltwater-webhook',
        httpApiEvent({ path: `/api/mw/whatsapp/${CLIENT}`, pathParameters: { clientId: CLIENT }, body, query: { token: TOKEN } }),
        mongodb,
      );
      // The client is looked up in a database that holds none.
      expect({ status: (webhook.answer as APIGatewayProxyResult).statusCode, stderr: webhook.stderr }).toEqual({ status: 404, stderr: '' });
      const run = await coldStart('newsletter-run', {}, mongodb);
      expect(run).toEqual({ answer: { checked: 0, sent: 0, unchanged: 0, failed: [], skipped: [] }, error: null, stderr: '' });
      expect(mongod.commands).toEqual(expect.arrayContaining(['hello', 'find']));
      // As the driver describes the process in its handshake, which a Node built-in imported on demand takes part in.
      expect(mongod.clients[0]).toMatchObject({ application: { name: 'cvt-whatsapp' }, os: { type: expect.any(String) } });
    } finally {
      await mongod.close();
    }
  });

  it("starts every function with deploy/template.yaml's environment: its defaults, and stand-ins for the stack's resources", async () => {
    const mongod = await startEmptyMongod();
    try {
      const template = readSamTemplate();
      // What the stack or its operator provides: the resources here, the two parameters without a default, and
      // the address of the default provider's gateway (gowa; the sending functions refuse to start without it).
      const provided: Record<string, string> = {
        MongoDbUri: mongod.uri,
        MeltwaterWebhookToken: TOKEN,
        GowaBaseUrl: 'http://127.0.0.1:9',
        ReportBucket: BUCKET,
        OfflineReportsQueue: queues.reports.url,
        OfflineAlertsQueue: queues.alerts.url,
        DispatchQueue: queues.dispatch.url,
      };
      const variables = (template.Globals.Function['Environment'] as { Variables: Record<string, unknown> }).Variables;
      const deployed = Object.fromEntries(
        Object.entries(variables).map(([name, value]) => {
          const ref = typeof value === 'object' && value !== null ? (value as { Ref?: string }).Ref : undefined;
          if (ref === undefined) return [name, String(value)];
          const resolved = provided[ref] ?? template.Parameters[ref]?.Default;
          if (resolved === undefined) throw new Error(`${name}: !Ref ${ref} has no default and no stand-in here`);
          return [name, String(resolved)];
        }),
      );
      // Exactly that environment, and fauxqs's endpoints and credentials in place of AWS's.
      const env = { ...deployed, ...fauxqs.env, PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir };
      const invocations: [string, unknown][] = [
        ['meltwater-webhook', httpApiEvent({ path: '/api/mw/whatsapp/nope', pathParameters: { clientId: 'nope' }, body: '{}' })],
        ['newsletter-run', {}],
        ['offline-reports', sqsEvent([], queues.reports.arn)],
        ['offline-alerts', sqsEvent([], queues.alerts.arn)],
        ['dispatcher', sqsEvent([], queues.dispatch.arn)],
        ['dispatch-sweep', {}],
        ['receipts', httpApiEvent({ path: '/webhooks/outbox', pathParameters: { provider: 'outbox' }, body: '{}' })],
      ];
      const answers: Record<string, unknown> = {};
      for (const [name, event] of invocations) {
        const { answer, error } = await coldStartIn(name, event, env);
        answers[name] = error ?? (typeof answer === 'object' && answer !== null && 'statusCode' in answer ? answer.statusCode : answer);
      }
      expect(answers).toEqual({
        'meltwater-webhook': 400,
        'newsletter-run': { checked: 0, sent: 0, unchanged: 0, failed: [], skipped: [] },
        'offline-reports': { batchItemFailures: [] },
        'offline-alerts': { batchItemFailures: [] },
        dispatcher: { batchItemFailures: [] },
        'dispatch-sweep': { swept: 0, expired: 0 },
        receipts: 404,
      });
    } finally {
      await mongod.close();
    }
  });

  it('stops a function at start with one line naming a bad setting it reads, and runs it whatever the settings it never reads', async () => {
    const badMentions = await coldStart(
      'meltwater-webhook',
      httpApiEvent({ path: `/api/mw/whatsapp/${CLIENT}`, pathParameters: { clientId: CLIENT }, body: '{}' }),
      { WEBHOOK_MAX_MENTIONS: 'lots' },
    );
    expect((badMentions.answer as APIGatewayProxyResult).statusCode).toBe(500);
    expect(badMentions.stderr).toMatch(/^invalid configuration:\n {2}- WEBHOOK_MAX_MENTIONS: [^\n]+\n$/u);
    expect(badMentions.stderr).not.toContain('lots');

    const badAppUrl = await coldStart('offline-alerts', sqsEvent([], queues.alerts.arn), { APP_BASE_URL: 'ftp://app.example' });
    expect(badAppUrl.error).toMatch(/^invalid configuration:\n {2}- APP_BASE_URL: [^\n]+$/u);

    // Server settings a function never reads do not stop it.
    const sweep = await coldStart(
      'dispatch-sweep',
      {},
      { PORT: 'lots', CONSOLE_SESSION_HOURS: 'forever', REPORT_SCHEDULE: 'every morning' },
    );
    expect(sweep).toEqual({ answer: { swept: 0, expired: 0 }, error: null, stderr: '' });
  });
});
