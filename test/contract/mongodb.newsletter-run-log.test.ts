import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { connectMongoClient } from '../../src/adapters/mongodb/mongodb.connection.ts';
import { MongoNewsletterRunLog } from '../../src/adapters/mongodb/mongodb.newsletter-run-log.adapter.ts';
import { newsletterRunLogContract } from './newsletter-run-log.contract.ts';

// No MongoDB server runs on the development machines: the suite runs whenever MONGODB_URI points at one.
const uri = process.env['MONGODB_URI'];

describe.skipIf(!uri)('mongodb newsletter run log', () => {
  newsletterRunLogContract('mongodb', {
    async create() {
      const name = `cvt_whatsapp_test_${randomBytes(6).toString('hex')}`;
      const client = await connectMongoClient(uri!);
      const log = new MongoNewsletterRunLog(client.db(name), 'runs');
      await log.ensureIndexes();
      return {
        log,
        async close() {
          try {
            await client.db(name).dropDatabase();
          } finally {
            await client.close();
          }
        },
      };
    },
  });
});
