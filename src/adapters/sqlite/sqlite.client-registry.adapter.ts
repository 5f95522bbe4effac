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

/** Clients and their users in the embedded database, kept as CVT's `usuarioclientes` keeps them. */
export class SqliteClientRegistry implements ClientRegistry {
  readonly #db: DatabaseSync;
  readonly #statements: {
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
    this.#statements = {
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

  async get(clientId: string): Promise<Client | undefined> {
    const row = this.#statements.client.get(clientId.toLowerCase()) as ClientRow | undefined;
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
    inTransaction(this.#db, () => {
      this.#statements.upsert.run(client.id, client.name, client.provider ?? null, Date.now());
      this.#statements.deleteUsers.run(client.id);
      client.users.forEach((correo, position) => this.#statements.insertUser.run(client.id, position, correo));
    });
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
