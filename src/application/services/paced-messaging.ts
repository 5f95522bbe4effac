import type { Clock } from '../ports/clock.port.ts';
import type { MessagingPort, ProviderMessage, SessionState, SendResult } from '../ports/messaging.port.ts';

export interface PacingOptions {
  /** Shortest time between two calls to this provider (WhatsApp Web sessions are banned when they send fast). */
  readonly minIntervalMs: number;
  /** Extra random wait up to this long, so that the rhythm does not look automated. */
  readonly jitterMs: number;
  /** Shortest time between two messages to the same person, so a burst of alerts arrives spaced. */
  readonly recipientSpacingMs: number;
  readonly random: () => number;
}

/**
 * Keeps a provider to a steady pace however many senders share it: each call reserves the next free
 * slot before waiting for it, so concurrent callers line up instead of bursting together. A message that
 * must wait for its recipient's spacing waits first and only then takes a provider slot, so that one
 * busy recipient never holds up messages to everyone else.
 */
export class PacedMessaging implements MessagingPort {
  readonly #inner: MessagingPort;
  readonly #clock: Clock;
  readonly #options: PacingOptions;
  readonly #recipientSlots = new Map<string, number>();
  #nextSlot = 0;
  readonly sendMany?: (messages: readonly ProviderMessage[]) => Promise<SendResult[]>;

  constructor(inner: MessagingPort, clock: Clock, options: PacingOptions) {
    this.#inner = inner;
    this.#clock = clock;
    this.#options = options;
    // A campaign is one call for the provider's pace; its recipients get one message each.
    if (inner.sendMany !== undefined) {
      this.sendMany = async (messages) => {
        await this.#wait(this.#reserveProvider());
        return inner.sendMany!(messages);
      };
    }
  }

  get provider(): string {
    return this.#inner.provider;
  }

  get minBatch(): number | undefined {
    return this.#inner.minBatch;
  }

  async send(message: ProviderMessage): Promise<SendResult> {
    await this.#wait(this.#reserveRecipient(message.to));
    await this.#wait(this.#reserveProvider());
    return this.#inner.send(message);
  }

  session(): Promise<SessionState> {
    return this.#inner.session();
  }

  /** Synchronous, so that concurrent callers never share a slot. */
  #reserveProvider(): number {
    const slot = Math.max(this.#clock.now().getTime(), this.#nextSlot);
    this.#nextSlot = slot + this.#options.minIntervalMs + this.#options.jitterMs * this.#options.random();
    return slot;
  }

  #reserveRecipient(recipient: string): number {
    const now = this.#clock.now().getTime();
    if (this.#options.recipientSpacingMs <= 0) return now;
    this.#forgetPast(now);
    const slot = Math.max(now, this.#recipientSlots.get(recipient) ?? 0);
    this.#recipientSlots.set(recipient, slot + this.#options.recipientSpacingMs);
    return slot;
  }

  async #wait(slot: number): Promise<void> {
    await this.#clock.sleep(slot - this.#clock.now().getTime());
  }

  #forgetPast(now: number): void {
    if (this.#recipientSlots.size < 1_000) return;
    for (const [recipient, until] of this.#recipientSlots) if (until <= now) this.#recipientSlots.delete(recipient);
  }
}
