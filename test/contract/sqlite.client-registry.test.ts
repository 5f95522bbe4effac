import { openDatabase } from '../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteClientRegistry } from '../../src/adapters/sqlite/sqlite.client-registry.adapter.ts';
import { clientRegistryContract } from './client-directory.contract.ts';

clientRegistryContract('sqlite', {
  async create() {
    const db = openDatabase(':memory:');
    return { registry: new SqliteClientRegistry(db), close: async () => db.close() };
  },
});
