import { profileOf, type ClientProfile } from '../../domain/clients/client.ts';
import type { ClientId } from '../../domain/clients/client-id.ts';
import type { ClientRegistry } from '../ports/client-directory.port.ts';
import type { Logger } from '../ports/logger.port.ts';

export interface ClientChanges {
  /** Kept as it is when absent. */
  readonly name?: string | null | undefined;
  readonly provider?: string | null | undefined;
  /** `correo` values, exactly as in CVT's `usuarioclientes`; replaces all the client's users. */
  readonly users: readonly unknown[];
}

export interface ManageClientsDeps {
  readonly registry: ClientRegistry;
  readonly logger: Logger;
  readonly defaultCountryCode: string;
}

/** Clients and their users in the embedded store (admin API and CLI). */
export class ManageClients {
  readonly #deps: ManageClientsDeps;

  constructor(deps: ManageClientsDeps) {
    this.#deps = deps;
  }

  /**
   * Every user is stored as given, so an export gives back what was imported; invalid users are
   * reported in the profile and never messaged.
   */
  async replace(id: ClientId, changes: ClientChanges): Promise<ClientProfile> {
    const current = await this.#deps.registry.get(id);
    const users = changes.users.map((user) => (typeof user === 'string' ? user.trim() : (JSON.stringify(user) ?? String(user))));
    const client = {
      id,
      name: changes.name === undefined ? (current?.name ?? null) : changes.name,
      provider: changes.provider === undefined ? (current?.provider ?? null) : changes.provider,
      users,
    };
    await this.#deps.registry.save(client);
    const profile = profileOf(client, this.#deps.defaultCountryCode);
    if (profile.rejected.length > 0) {
      this.#deps.logger.warn('client saved with invalid users; they will be skipped', { clientId: id, rejected: profile.rejected });
    }
    return profile;
  }

  async get(id: ClientId): Promise<ClientProfile | undefined> {
    const client = await this.#deps.registry.get(id);
    return client === undefined ? undefined : profileOf(client, this.#deps.defaultCountryCode);
  }

  async list(): Promise<ClientProfile[]> {
    const clients = await this.#deps.registry.list();
    return clients.map((client) => profileOf(client, this.#deps.defaultCountryCode));
  }
}
