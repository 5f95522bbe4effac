import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SystemClock } from '../../../src/adapters/in-process/system-clock.adapter.ts';
import { openDatabase } from '../../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteJobQueue } from '../../../src/adapters/sqlite/sqlite.job-queue.adapter.ts';
import type { QueueOutcome } from '../../../src/entrypoints/shared/inbound-queue-handlers.ts';
import { InboundQueueWorker } from '../../../src/entrypoints/background/inbound-queue-worker.ts';
import { MemoryLogger } from '../../support/silent-logger.ts';

describe('InboundQueueWorker', () => {
  it('works the messages of one receive at once: a slow message does not hold back the others, and each is deleted once done', async () => {
    const db = openDatabase(':memory:');
    const clock = new SystemClock();
    const queue = new SqliteJobQueue(db, clock);
    for (const body of ['lento', 'rápido', 'inválido']) await queue.send('offline-alerts', body);

    const finished: string[] = [];
    let releaseSlow!: () => void;
    const fastDone = new Promise<void>((resolve) => (releaseSlow = resolve));
    const handle = async (body: string): Promise<QueueOutcome> => {
      // Worked one after the other, the slow message would give up waiting before the fast one started.
      if (body === 'lento') await Promise.race([fastDone, sleep(2_000)]);
      finished.push(body);
      if (body === 'rápido') releaseSlow();
      return body === 'inválido' ? { kind: 'invalid', reason: 'no es JSON' } : { kind: 'done' };
    };
    const worker = new InboundQueueWorker({
      queue: 'offline-alerts',
      consumer: queue,
      handle,
      clock,
      logger: new MemoryLogger(),
      visibilityMs: 30_000,
      maxReceives: 5,
      waitMs: 50,
      batchSize: 5,
    });
    worker.start();
    while (finished.length < 3) await sleep(10);
    await worker.stop();

    expect(finished.indexOf('rápido')).toBeLessThan(finished.indexOf('lento'));
    expect(await queue.receive('offline-alerts', { max: 10, waitMs: 0, visibilityMs: 1_000 })).toEqual([]);
    expect((await queue.deadLetters('offline-alerts', 10)).map((letter) => [letter.body, letter.reason])).toEqual([
      ['inválido', 'no es JSON'],
    ]);
    db.close();
  });

  it('handles no more than `concurrency` messages at once, receiving ahead of them, and settles every one: done deleted, failed dead-lettered', async () => {
    const db = openDatabase(':memory:');
    const clock = new SystemClock();
    const queue = new SqliteJobQueue(db, clock);
    const bodies = Array.from({ length: 12 }, (_, index) => (index === 5 ? 'falla' : `alerta-${index}`));
    for (const body of bodies) await queue.send('offline-alerts', body);

    let handling = 0;
    let mostAtOnce = 0;
    const finished: string[] = [];
    const worker = new InboundQueueWorker({
      queue: 'offline-alerts',
      consumer: queue,
      handle: async (body): Promise<QueueOutcome> => {
        handling++;
        mostAtOnce = Math.max(mostAtOnce, handling);
        await new Promise((resolve) => setImmediate(resolve));
        handling--;
        finished.push(body);
        if (body === 'falla') throw new Error('sin conexión');
        return { kind: 'done' };
      },
      clock,
      logger: new MemoryLogger(),
      visibilityMs: 30_000,
      maxReceives: 1,
      waitMs: 20,
      batchSize: 5,
      concurrency: 2,
    });
    worker.start();
    while (finished.length < bodies.length) await sleep(10);
    await worker.stop();

    expect(mostAtOnce).toBe(2);
    expect([...finished].sort()).toEqual([...bodies].sort());
    expect(await queue.depth('offline-alerts')).toBe(0);
    expect((await queue.deadLetters('offline-alerts', 10)).map((letter) => [letter.body, letter.reason])).toEqual([
      ['falla', 'failed 1 times; last error: sin conexión'],
    ]);
    db.close();
  });

  it('dead-letters a message that crashed the worker on every receive, before handling it again', async () => {
    const db = openDatabase(':memory:');
    const clock = new SystemClock();
    const queue = new SqliteJobQueue(db, clock);
    await queue.send('offline-reports', 'mata el proceso');
    const receiveAgain = async () => {
      for (;;) {
        const [message] = await queue.receive('offline-reports', { max: 1, waitMs: 0, visibilityMs: 1 });
        if (message !== undefined) return message;
        await sleep(5);
      }
    };
    // Three processes received it and died before any outcome: nothing settled it.
    for (let crash = 0; crash < 3; crash++) await receiveAgain();

    const handled: string[] = [];
    const worker = new InboundQueueWorker({
      queue: 'offline-reports',
      consumer: queue,
      handle: async (body) => (handled.push(body), { kind: 'done' }),
      clock,
      logger: new MemoryLogger(),
      visibilityMs: 30_000,
      maxReceives: 3,
      waitMs: 0,
      batchSize: 1,
    });
    const outcome = await worker.process(await receiveAgain());

    expect(handled).toEqual([]);
    expect(outcome).toEqual({ kind: 'invalid', reason: 'crashed the worker 3 times (received 4 times without an outcome)' });
    expect((await queue.deadLetters('offline-reports', 10)).map((letter) => [letter.body, letter.reason, letter.receiveCount])).toEqual([
      ['mata el proceso', 'crashed the worker 3 times (received 4 times without an outcome)', 4],
    ]);
    db.close();
  });
});
