import { openDatabase } from '../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteJobQueue } from '../../src/adapters/sqlite/sqlite.job-queue.adapter.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { jobQueueContract } from './job-queue.contract.ts';

jobQueueContract('sqlite', {
  visibilityMs: 30_000,
  async create() {
    const db = openDatabase(':memory:');
    const clock = new FakeClock();
    const queue = new SqliteJobQueue(db, clock);
    return { queue, deadLetters: queue, advance: async (ms) => clock.advance(ms), close: async () => db.close() };
  },
});
