import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFauxqs, type Fauxqs, type FauxqsQueue } from '../support/fauxqs.ts';
import { eventually, startServer } from '../support/server-process.ts';
import { startWorker, type RunningWorker } from '../support/worker-process.ts';

const BUCKET = 'ciris-controles-prod';
let fauxqs: Fauxqs;
let dataDir: string;
let worker: RunningWorker | undefined;
let queues: Record<'reports' | 'alerts' | 'dispatch', FauxqsQueue>;

beforeEach(async () => {
  fauxqs = await startFauxqs();
  await fauxqs.createBucket(BUCKET);
  queues = {
    reports: await fauxqs.createQueue('whatsapp-informes', { maxReceiveCount: 5, visibilityTimeoutSeconds: 5 }),
    alerts: await fauxqs.createQueue('notificaciones-controles', { maxReceiveCount: 5, visibilityTimeoutSeconds: 5 }),
    dispatch: await fauxqs.createQueue('cvt-whatsapp-dispatch', { maxReceiveCount: 10, visibilityTimeoutSeconds: 5 }),
  };
  dataDir = mkdtempSync(join(tmpdir(), 'cvt-worker-'));
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await fauxqs.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({
  ...fauxqs.env,
  STORE: 'sqlite',
  DATA_DIR: dataDir,
  REPORT_STORE: 's3',
  S3_BUCKET: BUCKET,
  QUEUE: 'sqs',
  SQS_OFFLINE_REPORTS_URL: queues.reports.url,
  SQS_OFFLINE_ALERTS_URL: queues.alerts.url,
  SQS_DISPATCH_URL: queues.dispatch.url,
  QUEUE_MAX_RECEIVES: '2',
  QUEUE_VISIBILITY_MS: '5000',
  WHATSAPP_RECIPIENT_SPACING_MS: '0',
  LOG_LEVEL: 'info',
});

const send = (queue: FauxqsQueue, body: string) => fauxqs.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));

function outbox(): { recipient: string; text: string }[] {
  try {
    const db = new DatabaseSync(join(dataDir, 'outbox.db'), { readOnly: true });
    try {
      return db.prepare('SELECT recipient, text FROM outbox ORDER BY id').all() as { recipient: string; text: string }[];
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}

describe('the worker (QUEUE=sqs), end to end against fauxqs', () => {
  it('drains CVT-shaped messages into the provider through the dispatch queue, dead-letters a poison one with its reason, and stops cleanly', async () => {
    await fauxqs.s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'informes/rep-1.html', Body: '<div class="notasContexto"><p>Contexto</p></div>' }),
    );
    worker = await startWorker(env());
    await send(
      queues.reports,
      JSON.stringify({ destinatarios: ['50688888888@c.us', 'ana@example.com'], idEnvio: 'rep-1', subject: 'Informe vespertino' }),
    );
    await send(
      queues.alerts,
      JSON.stringify([
        { nota: 'n-7', titulo: 'Título de la nota', cliente: '5792a7288ac8f35b0aa93bee', correo: '50677777777@c.us', onesignalDevices: [] },
      ]),
    );
    await send(queues.alerts, '{"not": "an array"');

    await eventually(async () => (outbox().length === 2 ? true : undefined), 20_000, 'two messages in the outbox');
    expect(
      outbox()
        .map((message) => message.text)
        .sort(),
    ).toEqual([
      '*Alerta de noticia*\n\nTítulo de la nota\n\nhttps://app.controles.co.cr/?shared=1&id=n-7',
      'Informe vespertino\n\nhttps://media.controles.co.cr/informes/rep-1.html',
    ]);

    const deadLetter = await eventually(
      async () => {
        const received = await fauxqs.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queues.alerts.deadLetter!.url, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }),
        );
        return received.Messages?.[0];
      },
      10_000,
      'the poison message in the dead-letter queue',
    );
    expect(deadLetter.Body).toBe('{"not": "an array"');
    expect(deadLetter.MessageAttributes?.['cvt-dead-letter-reason']?.StringValue).toMatch(/not valid JSON/u);

    expect(await worker.stop()).toBe(0);
    expect(worker.output.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
    worker = undefined;
  });

  it('lets the server run on SQS and S3 too: an offline alert queued through the admin API reaches the outbox', async () => {
    const server = await startServer(dataDir, env());
    try {
      const body = JSON.stringify([{ nota: 'n-8', titulo: 'Nota por SQS', cliente: '', correo: '50677777777@c.us', onesignalDevices: [] }]);
      expect((await server.admin('/api/queues/offline-alerts', { method: 'POST', body })).status).toBe(202);
      await eventually(async () => (outbox().length === 1 ? true : undefined), 20_000, 'the alert in the outbox');
      expect(outbox()[0]!.text).toContain('Nota por SQS');
      expect((await server.admin('/api/queues/offline-alerts/dead-letters')).status).toBe(404);
      const ready = await server.request('/readyz');
      expect(await ready.json()).toMatchObject({ ready: true, checks: { sqs: { ok: true }, s3: { ok: true } } });
    } finally {
      await server.stop();
    }
  });

  it('refuses to start on the embedded queues, with a clear message', async () => {
    await expect(startWorker({ ...env(), QUEUE: 'local' })).rejects.toThrow(/set QUEUE=sqs/u);
  });
});
