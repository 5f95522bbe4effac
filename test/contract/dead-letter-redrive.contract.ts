import { describe, expect, it } from 'vitest';
import type { DeadLetterRedrive } from '../../src/application/ports/dead-letter-redrive.port.ts';
import type { JobQueue, QueueConsumer, ReceivedMessage } from '../../src/application/ports/job-queue.port.ts';

export interface DeadLetterRedriveHarness {
  create(): Promise<{ queue: JobQueue & QueueConsumer; redrive: DeadLetterRedrive; close(): Promise<void> }>;
}

const options = { max: 10, waitMs: 0, visibilityMs: 30_000 };

/** What every redrive adapter must do (src/application/ports/dead-letter-redrive.port.ts). */
export function deadLetterRedriveContract(name: string, harness: DeadLetterRedriveHarness): void {
  describe(`DeadLetterRedrive contract: ${name}`, () => {
    const withQueue = (test: (q: Awaited<ReturnType<DeadLetterRedriveHarness['create']>>) => Promise<void>) => async () => {
      const queue = await harness.create();
      try {
        await test(queue);
      } finally {
        await queue.close();
      }
    };

    /** Sends each body, receives it and dead-letters it; answers the ids the messages had on their queue. */
    const bury = async (queue: JobQueue & QueueConsumer, bodies: string[]): Promise<string[]> => {
      const ids: string[] = [];
      for (const body of bodies) ids.push(await queue.send('offline-reports', body));
      const received: ReceivedMessage[] = [];
      for (let tries = 0; received.length < bodies.length && tries < 20; tries++) {
        received.push(...(await queue.receive('offline-reports', options)));
      }
      expect(received.map((message) => message.body).sort()).toEqual([...bodies].sort());
      for (const message of received) await queue.deadLetter('offline-reports', message, 'the report does not exist yet');
      return ids;
    };

    const receiveAll = async (queue: JobQueue & QueueConsumer, expected: number): Promise<ReceivedMessage[]> => {
      const received: ReceivedMessage[] = [];
      for (let tries = 0; received.length < expected && tries < 20; tries++) {
        received.push(...(await queue.receive('offline-reports', options)));
      }
      return received;
    };

    it(
      'moves every dead letter back to its queue, as a fresh message with the same body, once',
      withQueue(async ({ queue, redrive }) => {
        await bury(queue, ['{"idEnvio":"a"}', '{"idEnvio":"b"}']);
        expect(await redrive.redrive('offline-alerts')).toBe(0);
        expect(await redrive.redrive('offline-reports')).toBe(2);
        const back = await receiveAll(queue, 2);
        expect(back.map((message) => message.body).sort()).toEqual(['{"idEnvio":"a"}', '{"idEnvio":"b"}']);
        expect(back.map((message) => message.receiveCount)).toEqual([1, 1]);
        expect(await redrive.redrive('offline-reports')).toBe(0);
      }),
    );

    it(
      'moves only the dead letters named by the id they had on their queue, and leaves the others',
      withQueue(async ({ queue, redrive }) => {
        const [first, second] = await bury(queue, ['{"idEnvio":"first"}', '{"idEnvio":"second"}']);
        expect(await redrive.redrive('offline-reports', [second!, 'no-such-message'])).toBe(1);
        const [back, ...others] = await receiveAll(queue, 1);
        expect(others).toEqual([]);
        expect(back!.body).toBe('{"idEnvio":"second"}');
        expect(await redrive.redrive('offline-reports', [first!])).toBe(1);
        expect((await receiveAll(queue, 1)).map((message) => message.body)).toEqual(['{"idEnvio":"first"}']);
        expect(await redrive.redrive('offline-reports')).toBe(0);
      }),
    );
  });
}
