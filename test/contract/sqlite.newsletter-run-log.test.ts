import { openDatabase } from '../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteNewsletterRunLog } from '../../src/adapters/sqlite/sqlite.newsletter-run-log.adapter.ts';
import { newsletterRunLogContract } from './newsletter-run-log.contract.ts';

newsletterRunLogContract('sqlite', {
  async create() {
    const db = openDatabase(':memory:');
    return { log: new SqliteNewsletterRunLog(db), close: async () => db.close() };
  },
});
