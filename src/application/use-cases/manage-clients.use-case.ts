import { profileOf, type ClientProfile } from '../../domain/clients/client.ts';
import type { ClientId } from '../../domain/clients/client-id.ts';
import { describeNonString } from '../../domain/clients/client-user.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import type { ClientDirectory, ClientRegistry } from '../ports/client-directory.port.ts';
import type { Logger } from '../ports/logger.port.ts';

export interface ClientChanges {
  /** Kept as it is when absent. */
  readonly name?: string | null | undefined;
  readonly provider?: string | null | undefined;
  /** `correo` values, exactly as in CVT's `usuarioclientes`; replaces all the client's users. */
  readonly users: readonly unknown[];
}

/** Clients live in CVT's own database (MongoDB), which this service reads but never writes. */
export type ReadOnlyDirectory = 'read_only_directory';

export interface ManageClientsDeps {
  readonly directory: ClientDirectory;
  /** Null where the directory is CVT's MongoDB. */
  readonly registry: ClientRegistry | null;
  readonly logger: Logger;
  readonly defaultCountryCode: string;
}

/** Clients and their users (admin API and CLI): read anywhere, written only in the embedded store. */
export class ManageClients {
  readonly #deps: ManageClientsDeps;

  constructor(deps: ManageClientsDeps) {
    this.#deps = deps;
  }

  /**
   * Every user is stored as given, so an export gives back what was imported; invalid users are
   * reported in the profile and never messaged.
   */
  async replace(id: ClientId, changes: ClientChanges): Promise<Result<ClientProfile, ReadOnlyDirectory>> {
    const { registry } = this.#deps;
    if (registry === null) return err('read_only_directory');
    const current = await registry.get(id);
    const users = changes.users.map((user) => (typeof user === 'string' ? user.trim() : describeNonString(user)));
    const client = {
      id,
      name: changes.name === undefined ? (current?.name ?? null) : changes.name,
      provider: changes.provider === undefined ? (current?.provider ?? null) : changes.provider,
      users,
    };
    await registry.save(client);
    const profile = profileOf(client, this.#deps.defaultCountryCode);
    if (profile.rejected.length > 0) {
      this.#deps.logger.warn('client saved with invalid users; they will be skipped', { clientId: id, rejected: profile.rejected });
    }
    return ok(profile);
  }

  /** Whether clients can be changed here (the embedded store), or only read (CVT's MongoDB). */
  get writable(): boolean {
    return this.#deps.registry !== null;
  }

  async get(id: ClientId): Promise<ClientProfile | undefined> {
    const client = await this.#deps.directory.get(id);
    return client === undefined ? undefined : profileOf(client, this.#deps.defaultCountryCode);
  }

  async list(): Promise<ClientProfile[]> {
    const clients = await this.#deps.directory.list();
    return clients.map((client) => profileOf(client, this.#deps.defaultCountryCode));
  }
}
