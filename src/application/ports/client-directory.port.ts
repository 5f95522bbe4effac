import type { Client } from '../../domain/clients/client.ts';

/**
 * Where CVT's clients and their users live: CVT's `usuarioclientes` collection in production, the
 * embedded database otherwise. Users are returned as stored (raw `correo` values); deleted users
 * (`borrado: true`) are never returned.
 */
export interface ClientDirectory {
  /** The client, or undefined when the directory does not know it. */
  get(clientId: string): Promise<Client | undefined>;
  /** Every client, ordered by id. */
  list(): Promise<Client[]>;
  /** Clients with at least one Meltwater distribution user, with all their users. */
  withNewsletters(): Promise<Client[]>;
}

/** A directory this service may write to (the embedded store). */
export interface ClientRegistry extends ClientDirectory {
  /** Replaces the client's name, provider override and users. */
  save(client: Client): Promise<void>;
}
