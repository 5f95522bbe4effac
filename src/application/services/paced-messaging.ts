import type { Result } from '../../domain/shared/result.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { MessagingPort, ProviderFailure, ProviderMessage, SentMessage, SessionState } from '../ports/messaging.port.ts';

export interface PacingOptions {
  /** Shortest time between two sends through this provider. */
  readonly minIntervalMs: number;
  /** Extra random wait up to this long, so that the rhythm does not look automated. */
  readonly jitterMs: number;
  readonly random: () => number;
}

/**
 * Keeps a provider to a steady pace, however many senders share it: each send reserves the next free
 * slot before waiting for it, so concurrent callers line up instead of bursting together.
 */
export class PacedMessaging implements MessagingPort {
  readonly #inner: MessagingPort;
  readonly #clock: Clock;
  readonly #options: PacingOptions;
  #nextSlot = 0;

  constructor(inner: MessagingPort, clock: Clock, options: PacingOptions) {
    this.#inner = inner;
    this.#clock = clock;
    this.#options = options;
  }

  get provider(): string {
    return this.#inner.provider;
  }

  async send(message: ProviderMessage): Promise<Result<SentMessage, ProviderFailure>> {
    const now = this.#clock.now().getTime();
    const slot = Math.max(now, this.#nextSlot);
    this.#nextSlot = slot + this.#options.minIntervalMs + this.#options.jitterMs * this.#options.random();
    await this.#clock.sleep(slot - now);
    return this.#inner.send(message);
  }

  session(): Promise<SessionState> {
    return this.#inner.session();
  }
}
