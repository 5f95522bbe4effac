import { describe, expect, it } from 'vitest';
import type { DeadLetterReader, JobQueue, QueueConsumer } from '../../src/application/ports/job-queue.port.ts';

export interface JobQueueHarness {
  /** `advance` moves the queue's notion of time (visibility timeouts) forward. */
  create(): Promise<{
    queue: JobQueue & QueueConsumer;
    deadLetters: DeadLetterReader | null;
    advance(ms: number): Promise<void>;
    close(): Promise<void>;
  }>;
  /** The shortest visibility timeout the backend honours, in ms. */
  readonly visibilityMs: number;
}

const receiveOne = { max: 10, waitMs: 0 };

/** What every inbound queue adapter must do (src/application/ports/job-queue.port.ts). */
export function jobQueueContract(name: string, harness: JobQueueHarness): void {
  describe(`JobQueue contract: ${name}`, () => {
    const options = { ...receiveOne, visibilityMs: harness.visibilityMs };
    const withQueue = (test: (q: Awaited<ReturnType<JobQueueHarness['create']>>) => Promise<void>) => async () => {
      const queue = await harness.create();
      try {
        await test(queue);
      } finally {
        await queue.close();
      }
    };

    it(
      'delivers a sent body unchanged, on its own queue only',
      withQueue(async ({ queue }) => {
        const body = JSON.stringify({ destinatarios: ['50688888888@c.us'], idEnvio: 'abc123', subject: 'Informe matutino ñ' });
        const id = await queue.send('offline-reports', body);
        expect(await queue.receive('offline-alerts', options)).toEqual([]);
        const [message] = await queue.receive('offline-reports', options);
        expect(message).toMatchObject({ id, body, receiveCount: 1 });
      }),
    );

    it(
      'hides a received message until its visibility timeout, then delivers it again',
      withQueue(async ({ queue, advance }) => {
        await queue.send('offline-alerts', '[]');
        const [first] = await queue.receive('offline-alerts', options);
        expect(await queue.receive('offline-alerts', options)).toEqual([]);
        await advance(harness.visibilityMs + 1);
        const [again] = await queue.receive('offline-alerts', options);
        expect(again).toMatchObject({ id: first!.id, receiveCount: 2 });
      }),
    );

    it(
      'forgets an acknowledged message',
      withQueue(async ({ queue, advance }) => {
        await queue.send('offline-alerts', '[1]');
        const [message] = await queue.receive('offline-alerts', options);
        await queue.ack('offline-alerts', message!);
        await advance(harness.visibilityMs + 1);
        expect(await queue.receive('offline-alerts', options)).toEqual([]);
      }),
    );

    it(
      'delivers a message again after the delay asked by retryLater',
      withQueue(async ({ queue, advance }) => {
        await queue.send('offline-reports', 'x');
        const [message] = await queue.receive('offline-reports', options);
        await queue.retryLater('offline-reports', message!, 0);
        await advance(1);
        const [again] = await queue.receive('offline-reports', options);
        expect(again).toMatchObject({ id: message!.id, body: 'x', receiveCount: 2 });
      }),
    );

    it(
      'keeps a message being worked hidden for as long as its visibility is extended',
      withQueue(async ({ queue, advance }) => {
        await queue.send('offline-reports', 'long work');
        const [message] = await queue.receive('offline-reports', options);
        await advance(harness.visibilityMs * 0.6);
        await queue.extendVisibility('offline-reports', message!, harness.visibilityMs);
        await advance(harness.visibilityMs * 0.6);
        expect(await queue.receive('offline-reports', options)).toEqual([]);
        await advance(harness.visibilityMs * 0.6);
        expect(await queue.receive('offline-reports', options)).toEqual([expect.objectContaining({ id: message!.id, receiveCount: 2 })]);
      }),
    );

    it(
      'moves a dead-lettered message out of the queue, keeping its reason',
      withQueue(async ({ queue, deadLetters, advance }) => {
        await queue.send('offline-reports', 'not json');
        const [message] = await queue.receive('offline-reports', options);
        await queue.deadLetter('offline-reports', message!, 'the body is not valid JSON');
        await advance(harness.visibilityMs + 1);
        expect(await queue.receive('offline-reports', options)).toEqual([]);
        if (deadLetters !== null) {
          expect(await deadLetters.deadLetters('offline-reports', 10)).toEqual([
            expect.objectContaining({ id: message!.id, body: 'not json', reason: 'the body is not valid JSON', receiveCount: 1 }),
          ]);
          expect(await deadLetters.depth('offline-reports')).toBe(0);
        }
      }),
    );

    it(
      'delivers each message to one of two concurrent consumers',
      withQueue(async ({ queue }) => {
        await Promise.all(Array.from({ length: 20 }, (_, index) => queue.send('offline-alerts', String(index))));
        const batches = await Promise.all([
          queue.receive('offline-alerts', options),
          queue.receive('offline-alerts', options),
          queue.receive('offline-alerts', options),
        ]);
        const bodies = batches.flat().map((message) => message.body);
        expect(new Set(bodies).size).toBe(bodies.length);
      }),
    );
  });
}
