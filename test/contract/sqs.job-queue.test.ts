import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Message } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqsConfigSchema } from '../../src/adapters/sqs/sqs.config.ts';
import { createSqsQueues, DEAD_LETTER_ATTRIBUTES, SqsMessageTooLargeError } from '../../src/adapters/sqs/sqs.queues.adapter.ts';
import type { SqsQueues } from '../../src/adapters/sqs/sqs.queues.adapter.ts';
import { startFauxqs } from '../support/fauxqs.ts';
import type { Fauxqs, FauxqsQueue } from '../support/fauxqs.ts';
import { MemoryLogger } from '../support/silent-logger.ts';
import { SystemClock } from '../../src/adapters/in-process/system-clock.adapter.ts';
import { InboundQueueWorker } from '../../src/entrypoints/background/inbound-queue-worker.ts';
import { jobQueueContract } from './job-queue.contract.ts';

/** fauxqs checks no signature, so a recognisable secret shows whether any error text carries it. */
const SECRET = 'cvt-sqs-test-secret-4a5b6c7d';

let fauxqs: Fauxqs;
const savedEnv = { ...process.env };

beforeAll(async () => {
  fauxqs = await startFauxqs();
  // The factory takes credentials from the SDK's default chain, as in production: the environment here.
  Object.assign(process.env, fauxqs.env, { AWS_SECRET_ACCESS_KEY: SECRET });
});

afterAll(async () => {
  process.env = savedEnv;
  await fauxqs?.close();
});

const fresh = (role: string) => `${role}-${randomUUID().slice(0, 8)}`;

interface Setup {
  readonly queues: SqsQueues;
  readonly logger: MemoryLogger;
  readonly reports: FauxqsQueue;
  readonly alerts: FauxqsQueue;
  readonly dispatch: FauxqsQueue;
}

/** Fresh queues, each with a dead-letter queue (redrive after `maxReceiveCount`), and the adapter on them. */
async function setUp(options: { maxReceiveCount?: number; env?: Record<string, string> } = {}): Promise<Setup> {
  const maxReceiveCount = options.maxReceiveCount ?? 10;
  const [reports, alerts, dispatch] = await Promise.all([
    fauxqs.createQueue(fresh('informes'), { maxReceiveCount }),
    fauxqs.createQueue(fresh('alertas'), { maxReceiveCount }),
    fauxqs.createQueue(fresh('dispatch'), { maxReceiveCount }),
  ]);
  const settings = sqsConfigSchema.parse({
    SQS_OFFLINE_REPORTS_URL: reports.url,
    SQS_OFFLINE_ALERTS_URL: alerts.url,
    SQS_DISPATCH_URL: dispatch.url,
    SQS_ENDPOINT: fauxqs.endpoint,
    AWS_REGION: 'us-east-1',
    ...options.env,
  });
  const logger = new MemoryLogger();
  return { queues: createSqsQueues(settings, logger), logger, reports, alerts, dispatch };
}

/** Every message waiting on a queue, read with a plain client (and so made invisible for a while). */
async function drain(url: string, expected: number): Promise<Message[]> {
  const messages: Message[] = [];
  const deadline = Date.now() + 5_000;
  while (messages.length < expected && Date.now() < deadline) {
    const { Messages = [] } = await fauxqs.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 30,
        MessageAttributeNames: ['All'],
      }),
    );
    messages.push(...Messages);
  }
  return messages;
}

const once = { max: 10, waitMs: 0, visibilityMs: 1_000 };

jobQueueContract('sqs', {
  // SQS counts visibility in whole seconds, and the timeout is real: `advance` waits.
  visibilityMs: 1_000,
  async create() {
    const { queues } = await setUp();
    return { queue: queues, deadLetters: null, advance: (ms) => sleep(ms), close: async () => queues.close() };
  },
});

describe('SqsQueues', () => {
  it('takes a message that crashed the worker on every receive to the dead-letter queue with the reason, before the redrive would without one', async () => {
    const { queues, reports, logger } = await setUp({ maxReceiveCount: 10 });
    try {
      await queues.send('offline-reports', 'mata el proceso');
      // Three processes received it and died before any outcome: it comes back once its visibility lapses.
      let message;
      for (let receives = 0; receives < 4;) {
        [message] = await queues.receive('offline-reports', { max: 1, waitMs: 1_000, visibilityMs: 0 });
        if (message !== undefined) receives++;
      }
      const handled: string[] = [];
      const worker = new InboundQueueWorker({
        queue: 'offline-reports',
        consumer: queues,
        handle: async (body) => (handled.push(body), { kind: 'done' }),
        clock: new SystemClock(),
        logger,
        visibilityMs: 30_000,
        maxReceives: 3,
        waitMs: 0,
        batchSize: 1,
      });
      expect(message!.receiveCount).toBe(4);
      await worker.process(message!);

      expect(handled).toEqual([]);
      const [dead] = await drain(reports.deadLetter!.url, 1);
      expect(dead!.Body).toBe('mata el proceso');
      expect(dead!.MessageAttributes![DEAD_LETTER_ATTRIBUTES.reason]!.StringValue).toBe(
        'crashed the worker 3 times (received 4 times without an outcome)',
      );
    } finally {
      queues.close();
    }
  });

  it('works ten messages received together: the two that fail go to the dead-letter queue with their reasons, the other eight are done and deleted', async () => {
    const { queues, alerts, logger } = await setUp({ maxReceiveCount: 10 });
    const bodies = Array.from({ length: 10 }, (_, index) => (index === 3 ? 'inválido' : index === 7 ? 'falla' : `alerta-${index}`));
    const done = new Set<string>();
    const worker = new InboundQueueWorker({
      queue: 'offline-alerts',
      consumer: queues,
      handle: async (body) => {
        if (body === 'inválido') return { kind: 'invalid', reason: 'el cuerpo no es un arreglo JSON' };
        if (body === 'falla') throw new Error('la base de datos no respondió');
        done.add(body);
        return { kind: 'done' };
      },
      clock: new SystemClock(),
      logger,
      visibilityMs: 30_000,
      // Its first failure is its last allowed one: dead-lettered now rather than retried.
      maxReceives: 1,
      waitMs: 1_000,
      batchSize: 10,
    });
    try {
      for (const body of bodies) await queues.send('offline-alerts', body);
      worker.start();
      const dead = await drain(alerts.deadLetter!.url, 2);
      while (done.size < 8) await sleep(20);
      await worker.stop();

      expect([...done].sort()).toEqual(bodies.filter((body) => body.startsWith('alerta-')).sort());
      expect(dead.map((message) => [message.Body, message.MessageAttributes![DEAD_LETTER_ATTRIBUTES.reason]!.StringValue]).sort()).toEqual([
        ['falla', 'failed 1 times; last error: la base de datos no respondió'],
        ['inválido', 'el cuerpo no es un arreglo JSON'],
      ]);
      // Every message settled before `stop` returned: none waiting, none in flight.
      const { Attributes } = await fauxqs.sqs.send(new GetQueueAttributesCommand({ QueueUrl: alerts.url, AttributeNames: ['All'] }));
      expect([Attributes?.ApproximateNumberOfMessages, Attributes?.ApproximateNumberOfMessagesNotVisible]).toEqual(['0', '0']);
    } finally {
      await worker.stop();
      queues.close();
    }
  });

  it('dead-letters a message to the queue\u2019s dead-letter queue, found from its RedrivePolicy, with the reason', async () => {
    const { queues, reports } = await setUp();
    try {
      const id = await queues.send('offline-reports', 'not json');
      const [message] = await queues.receive('offline-reports', once);
      await queues.deadLetter('offline-reports', message!, 'the body is not valid JSON');

      const [dead, ...others] = await drain(reports.deadLetter!.url, 1);
      expect(others).toEqual([]);
      expect(dead!.Body).toBe('not json');
      expect(dead!.MessageAttributes).toEqual({
        [DEAD_LETTER_ATTRIBUTES.reason]: { DataType: 'String', StringValue: 'the body is not valid JSON' },
        [DEAD_LETTER_ATTRIBUTES.sourceQueue]: { DataType: 'String', StringValue: 'offline-reports' },
        [DEAD_LETTER_ATTRIBUTES.sourceQueueUrl]: { DataType: 'String', StringValue: reports.url },
        [DEAD_LETTER_ATTRIBUTES.sourceMessageId]: { DataType: 'String', StringValue: id },
        [DEAD_LETTER_ATTRIBUTES.receiveCount]: { DataType: 'Number', StringValue: '1' },
      });
      // Deleted from its own queue: nothing in flight, nothing waiting.
      const { Attributes } = await fauxqs.sqs.send(new GetQueueAttributesCommand({ QueueUrl: reports.url, AttributeNames: ['All'] }));
      expect([Attributes?.ApproximateNumberOfMessages, Attributes?.ApproximateNumberOfMessagesNotVisible]).toEqual(['0', '0']);

      // The discovery is remembered: a second dead letter goes the same way.
      await queues.send('offline-reports', 'second');
      const [second] = await queues.receive('offline-reports', once);
      await queues.deadLetter('offline-reports', second!, 'x'.repeat(5_000));
      const [secondDead] = await drain(reports.deadLetter!.url, 1);
      const reason = secondDead!.MessageAttributes![DEAD_LETTER_ATTRIBUTES.reason]!.StringValue!;
      expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(1_024);
      expect(reason.endsWith('\u2026')).toBe(true);
    } finally {
      queues.close();
    }
  });

  it('dead-letters to the queue given by SQS_*_DLQ_URL, without a RedrivePolicy', async () => {
    const plain = await fauxqs.createQueue(fresh('sin-dlq'));
    const target = await fauxqs.createQueue(fresh('dlq-manual'));
    const { queues } = await setUp({ env: { SQS_OFFLINE_ALERTS_URL: plain.url, SQS_OFFLINE_ALERTS_DLQ_URL: target.url } });
    try {
      await queues.send('offline-alerts', '[{"nota": 1}]');
      const [message] = await queues.receive('offline-alerts', once);
      await queues.deadLetter('offline-alerts', message!, 'nota must be a string');
      const [dead] = await drain(target.url, 1);
      expect(dead).toMatchObject({ Body: '[{"nota": 1}]' });
      expect(dead!.MessageAttributes?.[DEAD_LETTER_ATTRIBUTES.reason]?.StringValue).toBe('nota must be a string');
    } finally {
      queues.close();
    }
  });

  it('keeps a message whose queue has no dead-letter queue, logging an error: it comes back after its visibility timeout', async () => {
    const plain = await fauxqs.createQueue(fresh('sin-dlq'));
    const { queues, logger } = await setUp({ env: { SQS_OFFLINE_REPORTS_URL: plain.url } });
    try {
      await queues.send('offline-reports', 'keep me');
      const [message] = await queues.receive('offline-reports', once);
      await queues.deadLetter('offline-reports', message!, 'cannot be processed');
      expect(logger.lines).toContainEqual(
        expect.objectContaining({ level: 'error', fields: expect.objectContaining({ queue: 'offline-reports', messageId: message!.id }) }),
      );
      await sleep(1_050);
      expect(await queues.receive('offline-reports', once)).toEqual([expect.objectContaining({ id: message!.id, receiveCount: 2 })]);
    } finally {
      queues.close();
    }
  });

  it('lets SQS redrive a message received maxReceiveCount times without an ack', async () => {
    const { queues, alerts } = await setUp({ maxReceiveCount: 2 });
    try {
      const id = await queues.send('offline-alerts', '[]');
      const first = await queues.receive('offline-alerts', once);
      await queues.retryLater('offline-alerts', first[0]!, 0);
      const second = await queues.receive('offline-alerts', once);
      expect(second).toEqual([expect.objectContaining({ id, receiveCount: 2 })]);
      await queues.retryLater('offline-alerts', second[0]!, 0);
      // The third receive finds the count exhausted: SQS moves the message instead of delivering it.
      expect(await queues.receive('offline-alerts', once)).toEqual([]);
      const [dead] = await drain(alerts.deadLetter!.url, 1);
      expect(dead).toMatchObject({ MessageId: id, Body: '[]' });
    } finally {
      queues.close();
    }
  });

  it('publishes 25 delivery ids as 25 {"deliveryId"} messages on the dispatch queue', async () => {
    const { queues, dispatch } = await setUp();
    try {
      const ids = Array.from({ length: 25 }, (_, index) => `delivery-${index}`);
      await queues.publish(ids);
      const messages = await drain(dispatch.url, 25);
      expect(
        messages.map((message) => JSON.parse(message.Body!) as unknown).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      ).toEqual(ids.map((deliveryId) => ({ deliveryId })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
      await queues.publish([]);
    } finally {
      queues.close();
    }
  });

  it('refuses a body over 1 MiB before sending it, counting bytes rather than characters', async () => {
    const { queues } = await setUp();
    try {
      const exactly = 'x'.repeat(1_048_576);
      const id = await queues.send('offline-reports', exactly);
      const [received] = await queues.receive('offline-reports', once);
      expect(received).toMatchObject({ id, body: exactly });

      await expect(queues.send('offline-reports', 'x'.repeat(1_048_577))).rejects.toThrow(SqsMessageTooLargeError);
      await expect(queues.send('offline-alerts', 'ñ'.repeat(524_289))).rejects.toThrow(
        /1048578 bytes; SQS takes at most 1048576 bytes \(1 MiB\)/u,
      );
      expect(await queues.receive('offline-alerts', once)).toEqual([]);
    } finally {
      queues.close();
    }
  });

  it('ends a long poll when its signal aborts, returning no messages', async () => {
    const { queues } = await setUp();
    try {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 200);
      expect(await queues.receive('offline-reports', { ...once, waitMs: 10_000, signal: controller.signal })).toEqual([]);
      expect(Date.now() - started).toBeLessThan(2_000);
      // Already aborted: no request at all.
      expect(await queues.receive('offline-reports', { ...once, waitMs: 10_000, signal: controller.signal })).toEqual([]);
    } finally {
      queues.close();
    }
  });

  it('waits for a message with long polling and returns as soon as one arrives', async () => {
    const { queues } = await setUp();
    try {
      const started = Date.now();
      setTimeout(() => void queues.send('offline-alerts', '[1]'), 300);
      const messages = await queues.receive('offline-alerts', { ...once, waitMs: 5_000 });
      expect(messages).toEqual([expect.objectContaining({ body: '[1]', receiveCount: 1 })]);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      queues.close();
    }
  });

  it('treats a receipt that is no longer ours as settled, not as an outage', async () => {
    const { queues, logger } = await setUp();
    try {
      await queues.send('offline-reports', 'slow');
      const [stale] = await queues.receive('offline-reports', once);
      await sleep(1_050);
      const [again] = await queues.receive('offline-reports', once);
      expect(again).toMatchObject({ id: stale!.id, receiveCount: 2 });
      await queues.retryLater('offline-reports', stale!, 5_000);
      await queues.extendVisibility('offline-reports', stale!, 5_000);
      expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(2);
    } finally {
      queues.close();
    }
  });

  it('deletes a whole batch acknowledged at once; acknowledging one of them again is no error', async () => {
    const { queues, logger } = await setUp();
    try {
      for (let index = 0; index < 12; index++) await queues.send('offline-alerts', `alerta ${index}`);
      const held = [...(await queues.receive('offline-alerts', once)), ...(await queues.receive('offline-alerts', once))];
      expect(held).toHaveLength(12);
      const [stale] = held;
      await Promise.all(held.map((message) => queues.ack('offline-alerts', message)));
      await queues.ack('offline-alerts', stale!);
      await sleep(1_050);
      expect(await queues.receive('offline-alerts', once)).toEqual([]);
      expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);
    } finally {
      queues.close();
    }
  });

  it('throws outages with their cause and without credentials; readiness names the queue that fails', async () => {
    const missing = `${fauxqs.endpoint}/000000000000/${fresh('no-existe')}`;
    const { queues } = await setUp({ env: { SQS_OFFLINE_ALERTS_URL: missing } });
    try {
      const error: unknown = await queues.send('offline-alerts', '[]').then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect((error as Error).message).toMatch(/^SQS SendMessage on offline-alerts failed: QueueDoesNotExist/u);
      expect((error as Error).cause).toBeInstanceOf(Error);
      expect(inspect(error, { depth: 8 })).not.toContain(SECRET);
      await expect(queues.receive('offline-alerts', once)).rejects.toThrow(/ReceiveMessage on offline-alerts failed/u);

      const check = await queues.check();
      expect(check.ok).toBe(false);
      expect(check.detail).toMatch(/^offline-alerts: QueueDoesNotExist/u);
    } finally {
      queues.close();
    }
  });

  it('is ready when every configured queue answers', async () => {
    const { queues } = await setUp();
    try {
      expect(await queues.check()).toEqual({ ok: true, detail: '3 queues reachable (offline-reports, offline-alerts, dispatch)' });
    } finally {
      queues.close();
    }
  });
});
