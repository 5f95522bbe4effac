import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SystemClock } from '../../../src/adapters/in-process/system-clock.adapter.ts';
import { openDatabase } from '../../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteJobQueue } from '../../../src/adapters/sqlite/sqlite.job-queue.adapter.ts';
import type { QueueOutcome } from '../../../src/entrypoints/shared/inbound-queue-handlers.ts';
import { InboundQueueWorker } from '../../../src/entrypoints/workers/inbound-queue-worker.ts';
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
});
