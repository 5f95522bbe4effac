import type { Filter, ObjectId } from 'mongodb';
import type { Client } from '../../domain/clients/client.ts';
import { parseClientId, type ClientId } from '../../domain/clients/client-id.ts';
import type { MongoDriver } from './mongodb.driver.ts';

/** What these mappings take from the driver, loaded on first use (mongodb.driver.ts). */
export type Bson = Pick<MongoDriver, 'ObjectId'>;

/*
 * CVT's `usuarioclientes` conventions (docs/contracts/product.md §2) as pure queries and mappings, checked without a server.
 */

/** A document of CVT's `usuarioclientes`, as CVT's backend writes it; other fields are ignored. */
export interface UsuarioClienteDocument {
  /** The client's id: an ObjectId in most documents, its hex string in some. */
  clienteId: ObjectId | string;
  correo: string;
  /** `true` means deleted; usually absent otherwise. */
  borrado?: boolean;
}

export type UserProjection = Partial<Pick<UsuarioClienteDocument, 'clienteId' | 'correo'>>;

export const USER_PROJECTION = { _id: 0, clienteId: 1, correo: 1 } as const;
export const CLIENT_ID_PROJECTION = { _id: 0, clienteId: 1 } as const;

/** Insertion order (ObjectIds grow with time): deterministic, where natural order depends on the plan and storage. */
export const USER_SORT = { _id: 1 } as const;

/** `@meltwater.com` at the end of `correo`, whatever its case: a Meltwater distribution user. */
export const MELTWATER_USER_PATTERN = '@meltwater\\.com$';

/** Both forms a client id takes in the collection. */
export function clientIdForms(id: ClientId, { ObjectId }: Bson): (ObjectId | string)[] {
  return [ObjectId.createFromHexString(id), id];
}

/** The undeleted users of one client. */
export function usersOfClientFilter(id: ClientId, bson: Bson): Filter<UsuarioClienteDocument> {
  return { clienteId: { $in: clientIdForms(id, bson) }, borrado: { $ne: true } };
}

/** The undeleted users of these clients. */
export function usersOfClientsFilter(ids: readonly ClientId[], bson: Bson): Filter<UsuarioClienteDocument> {
  return { clienteId: { $in: ids.flatMap((id) => clientIdForms(id, bson)) }, borrado: { $ne: true } };
}

export const UNDELETED_USERS: Filter<UsuarioClienteDocument> = { borrado: { $ne: true } };

/** Undeleted Meltwater distribution users. */
export const MELTWATER_USERS: Filter<UsuarioClienteDocument> = {
  correo: { $regex: MELTWATER_USER_PATTERN, $options: 'i' },
  borrado: { $ne: true },
};

/** The client id of a stored `clienteId`, lower-case hex; undefined for anything that is not an ObjectId or its hex. */
export function clientIdOf(value: unknown, { ObjectId }: Bson): ClientId | undefined {
  if (value instanceof ObjectId) return value.toHexString() as ClientId;
  return typeof value === 'string' ? parseClientId(value) : undefined;
}

/** Clients by id with their users in the order given; documents without a usable id or `correo` are skipped. */
export function clientsOf(users: readonly UserProjection[], bson: Bson): Client[] {
  const byClient = new Map<ClientId, string[]>();
  for (const user of users) {
    const id = clientIdOf(user.clienteId, bson);
    if (id === undefined || typeof user.correo !== 'string') continue;
    byClient.set(id, [...(byClient.get(id) ?? []), user.correo]);
  }
  return [...byClient]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, correos]) => ({ id, name: null, provider: null, users: correos }));
}
