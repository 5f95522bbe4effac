import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { connectMongoClient } from '../../src/adapters/mongodb/mongodb.connection.ts';
import { MongoDeliveryLedger } from '../../src/adapters/mongodb/mongodb.delivery-ledger.adapter.ts';
import { deliveryLedgerContract } from './delivery-ledger.contract.ts';

// No MongoDB server can run on the development machines (see README, "How it is proved"): the
// suite runs whenever MONGODB_URI points at a real one, and says so when it does not.
const uri = process.env['MONGODB_URI'];
if (!uri) console.warn('MongoDB contract suites skipped: set MONGODB_URI to run them against a real server');

// The contract's times are fixed dates: a retention this long keeps the TTL monitor away from them whatever today's date is.
const RETENTION_DAYS = 36_500;

describe.skipIf(!uri)('mongodb delivery ledger', () => {
  deliveryLedgerContract('mongodb', {
    async create() {
      // A fresh database per test; the second client stands for a second process on the same database.
      const name = `cvt_whatsapp_test_${randomBytes(6).toString('hex')}`;
      const [a, b] = await Promise.all([connectMongoClient(uri!), connectMongoClient(uri!)]);
      const options = { deliveriesCollection: 'deliveries', receiptsCollection: 'pending_receipts', retentionDays: RETENTION_DAYS };
      const ledger = new MongoDeliveryLedger(a.db(name), options);
      await ledger.ensureIndexes();
      return {
        ledger,
        second: new MongoDeliveryLedger(b.db(name), options),
        async close() {
          try {
            await a.db(name).dropDatabase();
          } finally {
            await Promise.all([a.close(), b.close()]);
          }
        },
      };
    },
  });
});
