import { join } from 'node:path';
import { SqliteConversationWindows } from '../../src/adapters/sqlite/sqlite.conversation-windows.adapter.ts';
import { openDatabase } from '../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteSuppressionList } from '../../src/adapters/sqlite/sqlite.suppression-list.adapter.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { conversationWindowsContract } from './conversation-windows.contract.ts';
import { suppressionListContract } from './suppression-list.contract.ts';

const tempDir = useTempDirs();

function twoConnections() {
  const path = join(tempDir(), 'store.db');
  const [a, b] = [openDatabase(path), openDatabase(path)];
  return {
    a,
    b,
    async close() {
      a.close();
      b.close();
    },
  };
}

suppressionListContract('sqlite', {
  async create() {
    const { a, b, close } = twoConnections();
    return { list: new SqliteSuppressionList(a), second: new SqliteSuppressionList(b), close };
  },
});

conversationWindowsContract('sqlite', {
  async create() {
    const { a, b, close } = twoConnections();
    return { windows: new SqliteConversationWindows(a), second: new SqliteConversationWindows(b), close };
  },
});
