import type { Clock } from '../ports/clock.port.ts';
import type { ClientDirectory } from '../ports/client-directory.port.ts';

/** A client's choice changes rarely; the directory is asked again after this long. */
const CACHE_MS = 60_000;

/**
 * Which provider a client's messages go through, when not the configured one: the client's own
 * setting in the embedded store, else the `WHATSAPP_CLIENT_PROVIDERS` map (for CVT's MongoDB, which
 * has no such field).
 */
export class ClientProviderOverrides {
  readonly #directory: ClientDirectory;
  readonly #configured: Readonly<Record<string, string>>;
  readonly #clock: Clock;
  readonly #cache = new Map<string, { provider: string | null; until: number }>();
  readonly #pending = new Map<string, Promise<string | null>>();

  constructor(directory: ClientDirectory, configured: Readonly<Record<string, string>>, clock: Clock) {
    this.#directory = directory;
    this.#configured = configured;
    this.#clock = clock;
  }

  /** Answered at once (no promise) while the client's choice is cached: every message of a fan-out asks. */
  providerFor(clientId: string | null): string | null | Promise<string | null> {
    if (clientId === null) return null;
    const now = this.#clock.now().getTime();
    const cached = this.#cache.get(clientId);
    if (cached !== undefined && cached.until > now) return cached.provider;
    return this.#lookUp(clientId, now);
  }

  /**
   * One look at the directory per client at a time: the first sends of a fan-out all ask at once, and
   * each look reads the whole client (every contact: 10,000 of them read 50 times over was 57 MB).
   */
  #lookUp(clientId: string, now: number): Promise<string | null> {
    const pending = this.#pending.get(clientId);
    if (pending !== undefined) return pending;
    const looking = this.#directory
      .get(clientId)
      .then((client) => {
        const provider = client?.provider ?? this.#configured[clientId] ?? null;
        this.#cache.set(clientId, { provider, until: now + CACHE_MS });
        return provider;
      })
      .finally(() => this.#pending.delete(clientId));
    this.#pending.set(clientId, looking);
    return looking;
  }
}
