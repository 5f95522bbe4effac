import { openDatabase } from '../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteJobQueue } from '../../src/adapters/sqlite/sqlite.job-queue.adapter.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { deadLetterRedriveContract } from './dead-letter-redrive.contract.ts';

deadLetterRedriveContract('sqlite', {
  async create() {
    const db = openDatabase(':memory:');
    const queue = new SqliteJobQueue(db, new FakeClock());
    return { queue, redrive: queue, close: async () => db.close() };
  },
});
