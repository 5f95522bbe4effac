import { openDatabase } from '../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteClientRegistry } from '../../src/adapters/sqlite/sqlite.client-registry.adapter.ts';
import type { ClientId } from '../../src/domain/clients/client-id.ts';
import { clientDirectoryContract } from './client-directory-read.contract.ts';

clientDirectoryContract('sqlite', {
  async create(documents) {
    const db = openDatabase(':memory:');
    const registry = new SqliteClientRegistry(db);
    // The embedded store keeps no deleted users: an import leaves them out, as the CLI does.
    const byClient = new Map<string, string[]>();
    for (const document of documents) {
      if (document.borrado === true) continue;
      byClient.set(document.clienteId, [...(byClient.get(document.clienteId) ?? []), document.correo]);
    }
    for (const [id, users] of byClient) await registry.save({ id: id as ClientId, name: null, provider: null, users });
    return { directory: registry, close: async () => db.close() };
  },
});
