import type { Collection, Filter } from 'mongodb';
import type { ClientDirectory } from '../../application/ports/client-directory.port.ts';
import type { Client } from '../../domain/clients/client.ts';
import { parseClientId, type ClientId } from '../../domain/clients/client-id.ts';
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
  readonly #users: UsuarioClientesReader;

  constructor(users: UsuarioClientesReader) {
    this.#users = users;
  }

  async get(clientId: string): Promise<Client | undefined> {
    const id = parseClientId(clientId);
    if (id === undefined) return undefined;
    return (await this.#clients(usersOfClientFilter(id)))[0];
  }

  async list(): Promise<Client[]> {
    return this.#clients(UNDELETED_USERS);
  }

  async withNewsletters(): Promise<Client[]> {
    // A plain find rather than `distinct`, which the Stable API's strict mode does not allow everywhere.
    const distributions = await this.#users.find(MELTWATER_USERS).project<UserProjection>(CLIENT_ID_PROJECTION).toArray();
    const ids = new Set(distributions.map((user) => clientIdOf(user.clienteId)).filter((id): id is ClientId => id !== undefined));
    if (ids.size === 0) return [];
    return this.#clients(usersOfClientsFilter([...ids]));
  }

  async #clients(filter: Filter<UsuarioClienteDocument>): Promise<Client[]> {
    const users = await this.#users.find(filter).sort(USER_SORT).project<UserProjection>(USER_PROJECTION).toArray();
    return clientsOf(users);
  }
}
