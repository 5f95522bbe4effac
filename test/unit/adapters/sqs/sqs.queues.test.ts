import {
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { sqsConfigSchema } from '../../../../src/adapters/sqs/sqs.config.ts';
import { DEAD_LETTER_ATTRIBUTES, SqsQueues } from '../../../../src/adapters/sqs/sqs.queues.adapter.ts';
import type { ReceivedMessage } from '../../../../src/application/ports/job-queue.port.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';

const URLS = {
  'offline-reports': 'https://sqs.us-east-1.amazonaws.com/123456789012/whatsapp-informes',
  'offline-alerts': 'https://sqs.us-east-1.amazonaws.com/123456789012/notificaciones-controles',
  dispatch: 'https://sqs.us-east-1.amazonaws.com/123456789012/cvt-whatsapp-dispatch',
};

interface Sent {
  readonly command: object;
  readonly input: Record<string, unknown>;
  readonly options: unknown;
}

/** An SQS client that records commands and answers from a script. */
function scriptedClient(answer: (command: object, input: Record<string, unknown>) => unknown): { client: SQSClient; sent: Sent[] } {
  const sent: Sent[] = [];
  const client = {
    async send(command: { input: Record<string, unknown> }, options?: unknown) {
      sent.push({ command, input: command.input, options });
      return await answer(command, command.input);
    },
    destroy() {},
  } as unknown as SQSClient;
  return { client, sent };
}

const message: ReceivedMessage = { id: 'm-1', body: 'cuerpo', receiveCount: 3, receipt: 'r-1' };

describe('SqsQueues with a scripted client', () => {
  it('maps receive options to SQS: whole seconds rounded up and capped, at most 10 messages, the receive count asked for', async () => {
    const { client, sent } = scriptedClient(() => ({
      Messages: [{ MessageId: 'a', ReceiptHandle: 'h', Body: 'b', Attributes: { ApproximateReceiveCount: '4' } }],
    }));
    const queues = new SqsQueues(client, { urls: URLS, logger: new MemoryLogger() });
    const signal = new AbortController().signal;
    expect(await queues.receive('dispatch', { max: 50, visibilityMs: 13 * 3_600_000, waitMs: 60_000, signal })).toEqual([
      { id: 'a', body: 'b', receiveCount: 4, receipt: 'h' },
    ]);
    await queues.receive('offline-reports', { max: 0, visibilityMs: 1_500, waitMs: 1 });
    expect(sent.map(({ input }) => input)).toEqual([
      {
        QueueUrl: URLS.dispatch,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 43_200,
        WaitTimeSeconds: 20,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      },
      {
        QueueUrl: URLS['offline-reports'],
        MaxNumberOfMessages: 1,
        VisibilityTimeout: 2,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      },
    ]);
    expect(sent[0]!.options).toEqual({ abortSignal: signal });
  });

  it('publishes ten ids to a batch, retries failed entries once, and succeeds when the retry does', async () => {
    let calls = 0;
    const { client, sent } = scriptedClient((_command, input) => {
      calls++;
      const entries = input['Entries'] as { Id: string }[];
      return calls === 1
        ? { Successful: [], Failed: [{ Id: entries[3]!.Id, Code: 'InternalError', SenderFault: false }] }
        : { Successful: [], Failed: [] };
    });
    const queues = new SqsQueues(client, { urls: URLS, logger: new MemoryLogger() });
    await queues.publish(Array.from({ length: 25 }, (_, index) => `d${index}`));
    const batches = sent.map(({ input }) => input['Entries'] as { Id: string; MessageBody: string }[]);
    expect(batches.map((entries) => entries.length).sort((a, b) => b - a)).toEqual([10, 10, 5, 1]);
    expect(batches.find((entries) => entries.length === 1)).toEqual([batches[0]![3]]);
    expect(batches.flat().map((entry) => JSON.parse(entry.MessageBody) as unknown)).toContainEqual({ deliveryId: 'd24' });
    expect(sent.every(({ command }) => command instanceof SendMessageBatchCommand)).toBe(true);
  });

  it('gathers the ids published by several intakes in the same turn into shared batches', async () => {
    const { client, sent } = scriptedClient(() => ({ Successful: [], Failed: [] }));
    const queues = new SqsQueues(client, { urls: URLS, logger: new MemoryLogger() });
    await Promise.all([
      queues.publish(['a1']),
      queues.publish(['b1', 'b2']),
      queues.publish(Array.from({ length: 9 }, (_, index) => `c${index}`)),
    ]);
    const batches = sent.map(({ input }) =>
      (input['Entries'] as { MessageBody: string }[]).map((entry) => JSON.parse(entry.MessageBody) as unknown),
    );
    expect(batches.map((entries) => entries.length)).toEqual([10, 2]);
    expect(batches.flat()).toEqual(
      ['a1', 'b1', 'b2', ...Array.from({ length: 9 }, (_, index) => `c${index}`)].map((deliveryId) => ({ deliveryId })),
    );
  });

  it('throws, after sending the other batches, when entries still fail after the retry', async () => {
    const { client, sent } = scriptedClient((_command, input) => {
      const entries = input['Entries'] as { Id: string; MessageBody: string }[];
      const failing = entries.filter((entry) => entry.MessageBody.includes('"d1"'));
      return {
        Successful: [],
        Failed: failing.map((entry) => ({ Id: entry.Id, Code: 'KmsThrottled', Message: 'slow down', SenderFault: false })),
      };
    });
    const queues = new SqsQueues(client, { urls: URLS, logger: new MemoryLogger() });
    await expect(queues.publish(Array.from({ length: 12 }, (_, index) => `d${index}`))).rejects.toThrow(
      /1 not queued after a retry \[d1\]: KmsThrottled \(slow down\)/u,
    );
    expect(sent).toHaveLength(3);
  });

  it('throws an outage of the batch call with its cause', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED'), { name: 'Error' });
    const { client } = scriptedClient(() => Promise.reject(outage));
    const queues = new SqsQueues(client, { urls: URLS, logger: new MemoryLogger() });
    const error: unknown = await queues.publish(['d1']).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect((error as Error).message).toMatch(/dispatch queue: SQS SendMessageBatch on dispatch failed: Error: connect ECONNREFUSED/u);
    expect(((error as Error).cause as Error).cause).toBe(outage);
  });

  it('refuses to publish or receive on the dispatch queue when none is configured', async () => {
    const { client, sent } = scriptedClient(() => ({}));
    const queues = new SqsQueues(client, { urls: { ...URLS, dispatch: undefined }, logger: new MemoryLogger() });
    await expect(queues.publish(['d1'])).rejects.toThrow(/SQS_DISPATCH_URL is not set/u);
    await expect(queues.receive('dispatch', { max: 1, visibilityMs: 1_000, waitMs: 0 })).rejects.toThrow(/SQS_DISPATCH_URL/u);
    expect(sent).toEqual([]);
  });

  it('finds the dead-letter queue once, by name and account from the RedrivePolicy, then copies and deletes', async () => {
    const { client, sent } = scriptedClient((command) => {
      if (command instanceof GetQueueAttributesCommand) {
        return {
          Attributes: {
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:210987654321:informes-dlq', maxReceiveCount: 5 }),
          },
        };
      }
      if (command instanceof GetQueueUrlCommand) return { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/210987654321/informes-dlq' };
      return {};
    });
    const queues = new SqsQueues(client, { urls: URLS, logger: new MemoryLogger() });
    await queues.deadLetter('offline-reports', message, 'línea\u0000 mala');
    await queues.deadLetter('offline-reports', { ...message, id: 'm-2', receipt: 'r-2' }, 'otra');
    expect(sent.map(({ command }) => command.constructor.name)).toEqual([
      'GetQueueAttributesCommand',
      'GetQueueUrlCommand',
      'SendMessageCommand',
      'DeleteMessageCommand',
      'SendMessageCommand',
      'DeleteMessageCommand',
    ]);
    expect(sent[1]!.input).toEqual({ QueueName: 'informes-dlq', QueueOwnerAWSAccountId: '210987654321' });
    expect(sent[2]!.input).toEqual({
      QueueUrl: 'https://sqs.us-east-1.amazonaws.com/210987654321/informes-dlq',
      MessageBody: 'cuerpo',
      MessageAttributes: {
        [DEAD_LETTER_ATTRIBUTES.reason]: { DataType: 'String', StringValue: 'línea\ufffd mala' },
        [DEAD_LETTER_ATTRIBUTES.sourceQueue]: { DataType: 'String', StringValue: 'offline-reports' },
        [DEAD_LETTER_ATTRIBUTES.sourceQueueUrl]: { DataType: 'String', StringValue: URLS['offline-reports'] },
        [DEAD_LETTER_ATTRIBUTES.sourceMessageId]: { DataType: 'String', StringValue: 'm-1' },
        [DEAD_LETTER_ATTRIBUTES.receiveCount]: { DataType: 'Number', StringValue: '3' },
      },
    });
    expect(sent[3]!.input).toEqual({ QueueUrl: URLS['offline-reports'], ReceiptHandle: 'r-1' });
  });

  it('looks the dead-letter queue up again after a failed discovery, and never deletes a message it could not copy', async () => {
    let attempts = 0;
    const { client, sent } = scriptedClient((command) => {
      if (command instanceof GetQueueAttributesCommand) {
        attempts++;
        if (attempts === 1) return Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'RequestThrottled' }));
        return { Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:alertas-dlq' }) } };
      }
      if (command instanceof GetQueueUrlCommand) return { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/alertas-dlq' };
      if (command instanceof SendMessageCommand) return Promise.reject(Object.assign(new Error('Access denied'), { name: 'AccessDenied' }));
      return {};
    });
    const queues = new SqsQueues(client, { urls: URLS, logger: new MemoryLogger() });
    await expect(queues.deadLetter('offline-alerts', message, 'x')).rejects.toThrow(
      /GetQueueAttributes on offline-alerts failed: RequestThrottled/u,
    );
    await expect(queues.deadLetter('offline-alerts', message, 'x')).rejects.toThrow(
      /SendMessage on offline-alerts dead-letter queue failed: AccessDenied/u,
    );
    expect(sent.some(({ command }) => command instanceof DeleteMessageCommand)).toBe(false);
  });

  it('keeps the body whole beside a 1 MiB body, cutting the reason or leaving the attributes off', async () => {
    const { client, sent } = scriptedClient(() => ({}));
    const queues = new SqsQueues(client, {
      urls: URLS,
      deadLetterUrls: { 'offline-reports': 'https://dlq.example/q' },
      logger: new MemoryLogger(),
    });
    const fixedBytes =
      'cvt-source-queue'.length + 6 + 'offline-reports'.length + 'cvt-source-queue-url'.length + 6 + URLS['offline-reports'].length;
    const idBytes = 'cvt-source-message-id'.length + 6 + 3 + 'cvt-receive-count'.length + 6 + 1 + 'cvt-dead-letter-reason'.length + 6;
    const body = 'x'.repeat(1_048_576 - fixedBytes - idBytes - 10);
    await queues.deadLetter('offline-reports', { ...message, body }, 'r'.repeat(100));
    const attributes = sent[0]!.input['MessageAttributes'] as Record<string, { StringValue: string }>;
    expect(attributes[DEAD_LETTER_ATTRIBUTES.reason]!.StringValue).toBe(`${'r'.repeat(7)}\u2026`);

    await queues.deadLetter('offline-reports', { ...message, body: 'x'.repeat(1_048_576) }, 'why');
    expect(sent[2]!.input).toEqual({ QueueUrl: 'https://dlq.example/q', MessageBody: 'x'.repeat(1_048_576) });
  });

  it('deletes messages acknowledged together with one DeleteMessageBatch per queue, ten at most, each ack settled on its own', async () => {
    const { client, sent } = scriptedClient((command, input) => {
      if (!(command instanceof DeleteMessageBatchCommand)) return {};
      const entries = input['Entries'] as { Id: string; ReceiptHandle: string }[];
      return {
        Successful: entries.filter((entry) => !['r-2', 'r-3'].includes(entry.ReceiptHandle)).map(({ Id }) => ({ Id })),
        Failed: entries.flatMap(({ Id, ReceiptHandle }) =>
          ReceiptHandle === 'r-2'
            ? [{ Id, Code: 'ReceiptHandleIsInvalid', Message: 'The receipt handle has expired.', SenderFault: true }]
            : ReceiptHandle === 'r-3'
              ? [{ Id, Code: 'InternalError', Message: 'try again', SenderFault: false }]
              : [],
        ),
      };
    });
    const logger = new MemoryLogger();
    const queues = new SqsQueues(client, { urls: URLS, logger });
    const held = Array.from({ length: 12 }, (_, index) => ({ ...message, id: `m-${index}`, receipt: `r-${index}` }));
    const settled = await Promise.allSettled([
      ...held.map((each) => queues.ack('offline-alerts', each)),
      queues.ack('dispatch', { ...message, id: 'd-1', receipt: 'rd-1' }),
    ]);

    expect(settled.map((result) => result.status)).toEqual([
      ...Array.from({ length: 13 }, (_, index) => (index === 3 ? 'rejected' : 'fulfilled')),
    ]);
    expect(String((settled[3] as PromiseRejectedResult).reason)).toMatch(
      /DeleteMessageBatch on offline-alerts did not delete message m-3: InternalError: try again/u,
    );
    expect(sent.map(({ command, input }) => [command.constructor.name, input['QueueUrl']])).toEqual([
      ['DeleteMessageBatchCommand', URLS['offline-alerts']],
      ['DeleteMessageBatchCommand', URLS['offline-alerts']],
      ['DeleteMessageCommand', URLS.dispatch],
    ]);
    const receipts = sent
      .slice(0, 2)
      .map(({ input }) => (input['Entries'] as { ReceiptHandle: string }[]).map((entry) => entry.ReceiptHandle));
    expect(receipts).toEqual([held.slice(0, 10).map((each) => each.receipt), ['r-10', 'r-11']]);
    expect(sent[2]!.input).toEqual({ QueueUrl: URLS.dispatch, ReceiptHandle: 'rd-1' });
    expect(logger.lines.filter((line) => line.level === 'warn').map((line) => line.fields['messageId'])).toEqual(['m-2']);
  });

  it('rejects every ack of a batch whose call failed, with the SDK error as cause', async () => {
    const outage = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    const { client } = scriptedClient(() => Promise.reject(outage));
    const queues = new SqsQueues(client, { urls: URLS, logger: new MemoryLogger() });
    const settled = await Promise.allSettled([
      queues.ack('offline-reports', message),
      queues.ack('offline-reports', { ...message, receipt: 'r-2' }),
    ]);
    for (const result of settled) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as Error;
      expect(error.message).toMatch(/SQS DeleteMessageBatch on offline-reports failed: TimeoutError: socket hang up/u);
      expect(error.cause).toBe(outage);
    }
  });

  it('needs the two inbound queue URLs; the dispatch queue and dead-letter overrides are optional', () => {
    expect(sqsConfigSchema.safeParse({}).success).toBe(false);
    expect(
      sqsConfigSchema.parse({ SQS_OFFLINE_REPORTS_URL: URLS['offline-reports'], SQS_OFFLINE_ALERTS_URL: URLS['offline-alerts'] }),
    ).toEqual({
      SQS_OFFLINE_REPORTS_URL: URLS['offline-reports'],
      SQS_OFFLINE_ALERTS_URL: URLS['offline-alerts'],
      AWS_REGION: 'us-east-1',
    });
    expect(
      sqsConfigSchema.safeParse({ SQS_OFFLINE_REPORTS_URL: 'whatsapp-informes', SQS_OFFLINE_ALERTS_URL: URLS['offline-alerts'] }).success,
    ).toBe(false);
  });
});
