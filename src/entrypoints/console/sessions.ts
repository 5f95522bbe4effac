import { randomBytes } from 'node:crypto';

export interface ConsoleSession {
  readonly id: string;
  /** Carried by every form of this session and checked on every state-changing request. */
  readonly csrf: string;
  readonly expiresAt: Date;
}

/**
 * Console sessions, kept in this process's memory: a restart logs operators out, which is the safe side,
 * and logging out truly ends a session (a signed cookie would stay valid until it expires).
 */
export class ConsoleSessions {
  readonly #sessions = new Map<string, ConsoleSession>();
  readonly #lifetimeMs: number;

  constructor(lifetimeMs: number) {
    this.#lifetimeMs = lifetimeMs;
  }

  get lifetimeMs(): number {
    return this.#lifetimeMs;
  }

  open(now: Date): ConsoleSession {
    this.#forgetExpired(now);
    const session = { id: randomToken(), csrf: randomToken(), expiresAt: new Date(now.getTime() + this.#lifetimeMs) };
    this.#sessions.set(session.id, session);
    return session;
  }

  find(id: string | undefined, now: Date): ConsoleSession | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (session === undefined) return undefined;
    if (session.expiresAt <= now) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  close(id: string | undefined): void {
    if (id !== undefined) this.#sessions.delete(id);
  }

  #forgetExpired(now: Date): void {
    for (const [id, session] of this.#sessions) if (session.expiresAt <= now) this.#sessions.delete(id);
  }
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
