import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { connectMongoClient } from '../../src/adapters/mongodb/mongodb.connection.ts';
import { MongoConversationWindows } from '../../src/adapters/mongodb/mongodb.conversation-windows.adapter.ts';
import { MongoSuppressionList } from '../../src/adapters/mongodb/mongodb.suppression-list.adapter.ts';
import { conversationWindowsContract } from './conversation-windows.contract.ts';
import { suppressionListContract } from './suppression-list.contract.ts';

// No MongoDB server runs here (see README, "How it is proved"): the suites run whenever MONGODB_URI names one.
const uri = process.env['MONGODB_URI'];

async function twoClients() {
  const name = `cvt_whatsapp_test_${randomBytes(6).toString('hex')}`;
  const [a, b] = await Promise.all([connectMongoClient(uri!), connectMongoClient(uri!)]);
  return {
    a: a.db(name),
    b: b.db(name),
    async close() {
      try {
        await a.db(name).dropDatabase();
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    },
  };
}

describe.skipIf(!uri)('mongodb opt-out stores', () => {
  suppressionListContract('mongodb', {
    async create() {
      const { a, b, close } = await twoClients();
      return { list: new MongoSuppressionList(a, 'suppressions'), second: new MongoSuppressionList(b, 'suppressions'), close };
    },
  });
  conversationWindowsContract('mongodb', {
    async create() {
      const { a, b, close } = await twoClients();
      return { windows: new MongoConversationWindows(a, 'windows'), second: new MongoConversationWindows(b, 'windows'), close };
    },
  });
});
