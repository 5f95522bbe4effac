import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ClientRegistry } from '../../application/ports/client-directory.port.ts';
import type { Client } from '../../domain/clients/client.ts';
import type { ClientId } from '../../domain/clients/client-id.ts';
import { inTransaction } from './sqlite.database.ts';

interface ClientRow {
  id: string;
  name: string | null;
  provider: string | null;
}

/**
 * Clients read by `get`, per connection: every registry on one connection shares it, so a save through
 * one is seen by the others. `PRAGMA data_version` changes when another connection (the CLI, another
 * process) commits anything, and the cache is then dropped: a client is never older than the database.
 */
interface ClientCache {
  dataVersion: number | undefined;
  readonly clients: Map<string, Client | undefined>;
}

const MAX_CACHED_CLIENTS = 1_000;
const cachesByConnection = new WeakMap<DatabaseSync, ClientCache>();

function cacheOf(db: DatabaseSync): ClientCache {
  let cache = cachesByConnection.get(db);
  if (cache === undefined) {
    cache = { dataVersion: undefined, clients: new Map() };
    cachesByConnection.set(db, cache);
  }
  return cache;
}

/** Clients and their users in the embedded database, kept as CVT's `usuarioclientes` keeps them. */
export class SqliteClientRegistry implements ClientRegistry {
  readonly #db: DatabaseSync;
  readonly #cache: ClientCache;
  readonly #statements: {
    dataVersion: StatementSync;
    client: StatementSync;
    users: StatementSync;
    all: StatementSync;
    allUsers: StatementSync;
    withNewsletters: StatementSync;
    upsert: StatementSync;
    deleteUsers: StatementSync;
    insertUser: StatementSync;
  };

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#cache = cacheOf(db);
    this.#statements = {
      dataVersion: db.prepare('PRAGMA data_version'),
      client: db.prepare('SELECT id, name, provider FROM clients WHERE id = ?'),
      users: db.prepare('SELECT correo FROM client_users WHERE client_id = ? ORDER BY position'),
      all: db.prepare('SELECT id, name, provider FROM clients ORDER BY id'),
      allUsers: db.prepare('SELECT client_id, correo FROM client_users ORDER BY client_id, position'),
      withNewsletters: db.prepare(
        `SELECT id, name, provider FROM clients WHERE id IN
           (SELECT client_id FROM client_users WHERE lower(correo) LIKE '%@meltwater.com') ORDER BY id`,
      ),
      upsert: db.prepare(
        `INSERT INTO clients (id, name, provider, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, provider = excluded.provider, updated_at = excluded.updated_at`,
      ),
      deleteUsers: db.prepare('DELETE FROM client_users WHERE client_id = ?'),
      insertUser: db.prepare('INSERT INTO client_users (client_id, position, correo) VALUES (?, ?, ?)'),
    };
  }

  /** Read once per change of the database: the webhook looks the same client up on every call. */
  async get(clientId: string): Promise<Client | undefined> {
    const id = clientId.toLowerCase();
    const cache = this.#cache;
    const { data_version: dataVersion } = this.#statements.dataVersion.get() as { data_version: number };
    if (dataVersion !== cache.dataVersion) {
      cache.clients.clear();
      cache.dataVersion = dataVersion;
    }
    if (cache.clients.has(id)) return cache.clients.get(id);
    const client = this.#read(id);
    if (cache.clients.size >= MAX_CACHED_CLIENTS) cache.clients.clear();
    cache.clients.set(id, client);
    return client;
  }

  #read(id: string): Client | undefined {
    const row = this.#statements.client.get(id) as ClientRow | undefined;
    if (row === undefined) return undefined;
    const users = (this.#statements.users.all(row.id) as { correo: string }[]).map((user) => user.correo);
    return toClient(row, users);
  }

  async list(): Promise<Client[]> {
    return this.#withUsers(this.#statements.all.all() as unknown as ClientRow[]);
  }

  async withNewsletters(): Promise<Client[]> {
    return this.#withUsers(this.#statements.withNewsletters.all() as unknown as ClientRow[]);
  }

  async save(client: Client): Promise<void> {
    try {
      inTransaction(this.#db, () => {
        this.#statements.upsert.run(client.id, client.name, client.provider ?? null, Date.now());
        this.#statements.deleteUsers.run(client.id);
        client.users.forEach((correo, position) => this.#statements.insertUser.run(client.id, position, correo));
      });
    } finally {
      // This connection's own commits leave data_version as it was.
      this.#cache.clients.clear();
    }
  }

  #withUsers(rows: readonly ClientRow[]): Client[] {
    const usersByClient = new Map<string, string[]>();
    for (const { client_id, correo } of this.#statements.allUsers.all() as { client_id: string; correo: string }[]) {
      const users = usersByClient.get(client_id) ?? [];
      users.push(correo);
      usersByClient.set(client_id, users);
    }
    return rows.map((row) => toClient(row, usersByClient.get(row.id) ?? []));
  }
}

function toClient(row: ClientRow, users: string[]): Client {
  return { id: row.id as ClientId, name: row.name, provider: row.provider, users };
}
