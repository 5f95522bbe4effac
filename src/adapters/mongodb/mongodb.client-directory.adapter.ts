import type { Collection, Filter } from 'mongodb';
import type { ClientDirectory } from '../../application/ports/client-directory.port.ts';
import type { Client } from '../../domain/clients/client.ts';
import { parseClientId, type ClientId } from '../../domain/clients/client-id.ts';
import { mongoDriver } from './mongodb.driver.ts';
import {
  CLIENT_ID_PROJECTION,
  MELTWATER_USERS,
  UNDELETED_USERS,
  USER_PROJECTION,
  USER_SORT,
  clientIdOf,
  clientsOf,
  usersOfClientFilter,
  usersOfClientsFilter,
  type UserProjection,
  type UsuarioClienteDocument,
} from './mongodb.usuarioclientes.ts';

/** Only reads: the type itself keeps this adapter from ever writing to CVT's production data. */
export type UsuarioClientesReader = Pick<Collection<UsuarioClienteDocument>, 'find'>;

/**
 * CVT's clients as its `usuarioclientes` collection holds them, read only. The collection has no
 * client names (`name` is null) and no provider overrides (WHATSAPP_CLIENT_PROVIDERS covers those).
 */
export class MongoClientDirectory implements ClientDirectory {
  readonly #users: () => Promise<UsuarioClientesReader>;

  /** `users`: the collection, or how to reach it on first use (the driver is loaded then). */
  constructor(users: UsuarioClientesReader | (() => Promise<UsuarioClientesReader>)) {
    this.#users = typeof users === 'function' ? users : async () => users;
  }

  async get(clientId: string): Promise<Client | undefined> {
    const id = parseClientId(clientId);
    if (id === undefined) return undefined;
    return (await this.#clients(usersOfClientFilter(id, await mongoDriver())))[0];
  }

  async list(): Promise<Client[]> {
    return this.#clients(UNDELETED_USERS);
  }

  async withNewsletters(): Promise<Client[]> {
    const [users, bson] = await Promise.all([this.#users(), mongoDriver()]);
    // A plain find rather than `distinct`, which the Stable API's strict mode does not allow everywhere.
    const distributions = await users.find(MELTWATER_USERS).project<UserProjection>(CLIENT_ID_PROJECTION).toArray();
    const ids = new Set(distributions.map((user) => clientIdOf(user.clienteId, bson)).filter((id): id is ClientId => id !== undefined));
    if (ids.size === 0) return [];
    return this.#clients(usersOfClientsFilter([...ids], bson));
  }

  async #clients(filter: Filter<UsuarioClienteDocument>): Promise<Client[]> {
    const [users, bson] = await Promise.all([this.#users(), mongoDriver()]);
    const found = await users.find(filter).sort(USER_SORT).project<UserProjection>(USER_PROJECTION).toArray();
    return clientsOf(found, bson);
  }
}
