import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteClientRegistry } from '../../../../src/adapters/sqlite/sqlite.client-registry.adapter.ts';
import type { Client } from '../../../../src/domain/clients/client.ts';
import type { ClientId } from '../../../../src/domain/clients/client-id.ts';
import { useTempDirs } from '../../../support/temp-dir.ts';

const TEMPORAL = '5792a7288ac8f35b0aa93bee' as ClientId;
const OTHER = '5792a7288ac8f35b0aa93bef' as ClientId;
const client = (name: string, users: string[], id: ClientId = TEMPORAL): Client => ({ id, name, provider: null, users });

/**
 * `get` keeps what it read until the database changes; these say it never answers with an older client than
 * the database holds, whoever changed it: the same registry, another registry on the same connection (the
 * server binds two), or another connection, as the CLI is another process with its own.
 */
describe('SqliteClientRegistry: clients kept between lookups', () => {
  const tempDir = useTempDirs();
  const twoConnections = () => {
    const path = join(tempDir(), 'cvt.sqlite');
    const server = openDatabase(path);
    const cli = openDatabase(path);
    return { server, cli, close: () => (server.close(), cli.close()) };
  };

  it('sees a save through another registry on the same connection', async () => {
    const { server, cli, close } = twoConnections();
    try {
      const directory = new SqliteClientRegistry(server);
      const registry = new SqliteClientRegistry(server);
      expect(await directory.get(TEMPORAL)).toBeUndefined();
      await registry.save(client('A', ['50688888888@c.us']));
      expect(await directory.get(TEMPORAL)).toEqual(client('A', ['50688888888@c.us']));
      await registry.save(client('B', ['50677777777@c.us', 'ana@example.com']));
      expect(await directory.get(TEMPORAL.toUpperCase())).toEqual(client('B', ['50677777777@c.us', 'ana@example.com']));
      expect(await new SqliteClientRegistry(cli).get(TEMPORAL)).toEqual(client('B', ['50677777777@c.us', 'ana@example.com']));
    } finally {
      close();
    }
  });

  it('sees a save committed by another connection (the CLI)', async () => {
    const { server, cli, close } = twoConnections();
    try {
      const directory = new SqliteClientRegistry(server);
      const fromCli = new SqliteClientRegistry(cli);
      expect(await directory.get(TEMPORAL)).toBeUndefined();
      await fromCli.save(client('A', ['50688888888@c.us']));
      expect(await directory.get(TEMPORAL)).toEqual(client('A', ['50688888888@c.us']));
      await fromCli.save(client('A', []));
      expect(await directory.get(TEMPORAL)).toEqual(client('A', []));
      // A change to another table by another connection drops what was kept too: nothing older survives it.
      cli.exec(`UPDATE client_users SET correo = 'x@example.com' WHERE client_id = '${OTHER}'`);
      expect(await directory.get(TEMPORAL)).toEqual(client('A', []));
    } finally {
      close();
    }
  });

  test.prop(
    [
      fc.array(
        fc.record({
          through: fc.constantFrom('same registry', 'same connection', 'other connection'),
          id: fc.constantFrom(TEMPORAL, OTHER),
          name: fc.string({ maxLength: 5 }),
          users: fc.array(fc.constantFrom('50688888888@c.us', '50677777777@c.us', 'ana@example.com'), { maxLength: 3 }),
        }),
        { maxLength: 12 },
      ),
    ],
    { numRuns: 25 },
  )('answers as a fresh read of the database after any sequence of saves', async (saves) => {
    const { server, cli, close } = twoConnections();
    try {
      const directory = new SqliteClientRegistry(server);
      const writers = {
        'same registry': directory,
        'same connection': new SqliteClientRegistry(server),
        'other connection': new SqliteClientRegistry(cli),
      };
      for (const save of saves) {
        await writers[save.through].save(client(save.name, save.users, save.id));
        for (const id of [TEMPORAL, OTHER]) {
          expect(await directory.get(id)).toEqual(await readWithoutCache(cli, id));
        }
      }
    } finally {
      close();
    }
  });
});

/** The client as the database holds it, read with plain queries. */
async function readWithoutCache(db: ReturnType<typeof openDatabase>, id: ClientId): Promise<Client | undefined> {
  const row = db.prepare('SELECT id, name, provider FROM clients WHERE id = ?').get(id) as
    { id: ClientId; name: string | null; provider: string | null } | undefined;
  if (row === undefined) return undefined;
  const users = db.prepare('SELECT correo FROM client_users WHERE client_id = ? ORDER BY position').all(id) as { correo: string }[];
  return { id: row.id, name: row.name, provider: row.provider, users: users.map((user) => user.correo) };
}
