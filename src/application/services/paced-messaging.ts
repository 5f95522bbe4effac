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

interface RecipientPace {
  /** The slot the next message to them reserves. */
  next: number;
  /** Their last message's provider slot plus the spacing: what a message that reserved before it was known still waits for. */
  notBefore: number;
}

/** Below this many remembered recipients, none is forgotten. */
const MIN_SWEEP = 1_000;

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
  readonly #recipients = new Map<string, RecipientPace>();
  #nextSlot = 0;
  #sweepAt = MIN_SWEEP;
  readonly sendMany?: (messages: readonly ProviderMessage[]) => Promise<SendResult[]>;

  constructor(inner: MessagingPort, clock: Clock, options: PacingOptions) {
    this.#inner = inner;
    this.#clock = clock;
    this.#options = options;
    // A campaign is one call for the provider's pace; its recipients get one message each.
    if (inner.sendMany !== undefined) {
      this.sendMany = async (messages) => {
        const now = this.#clock.now().getTime();
        const slot = this.#reserveProvider(now);
        if (slot > now) await this.#clock.sleep(slot - now);
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

  /** A message whose slots are already here goes straight to the provider: no timer, no extra promise. */
  send(message: ProviderMessage): Promise<SendResult> {
    const now = this.#clock.now().getTime();
    const slot = this.#reserveRecipient(message.to, now);
    if (slot > now) return this.#clock.sleep(slot - now).then(() => this.#afterRecipientWait(message));
    return this.#sendInProviderSlot(message, now);
  }

  session(): Promise<SessionState> {
    return this.#inner.session();
  }

  /**
   * An earlier message to the same person may have found the provider busy and gone out later than its
   * own recipient slot: the spacing counts from when it went out, so this one waits for that too.
   */
  #afterRecipientWait(message: ProviderMessage): Promise<SendResult> {
    const now = this.#clock.now().getTime();
    const notBefore = this.#recipients.get(message.to)?.notBefore ?? now;
    if (notBefore > now) return this.#clock.sleep(notBefore - now).then(() => this.#afterRecipientWait(message));
    return this.#sendInProviderSlot(message, now);
  }

  /** The provider's slot is reserved only once the recipient's wait is over. */
  #sendInProviderSlot(message: ProviderMessage, now: number): Promise<SendResult> {
    const slot = this.#reserveProvider(now);
    this.#spaceAfter(message.to, slot);
    if (slot > now) return this.#clock.sleep(slot - now).then(() => this.#inner.send(message));
    return this.#inner.send(message);
  }

  /** Synchronous, so that concurrent callers never share a slot. */
  #reserveProvider(now: number): number {
    const slot = Math.max(now, this.#nextSlot);
    this.#nextSlot = slot + this.#options.minIntervalMs + this.#options.jitterMs * this.#options.random();
    return slot;
  }

  #reserveRecipient(recipient: string, now: number): number {
    if (this.#options.recipientSpacingMs <= 0) return now;
    this.#forgetPast(now);
    const pace = this.#recipients.get(recipient);
    const slot = Math.max(now, pace?.next ?? 0);
    if (pace === undefined) this.#recipients.set(recipient, { next: slot + this.#options.recipientSpacingMs, notBefore: 0 });
    else pace.next = slot + this.#options.recipientSpacingMs;
    return slot;
  }

  #spaceAfter(recipient: string, providerSlot: number): void {
    const pace = this.#recipients.get(recipient);
    if (pace === undefined) return;
    pace.notBefore = providerSlot + this.#options.recipientSpacingMs;
    pace.next = Math.max(pace.next, pace.notBefore);
  }

  /**
   * Recipients whose spacing is over are forgotten by a sweep of the whole map, run only once the map has
   * doubled since the last one: a sweep at every send made a fan-out to 10,000 people quadratic (it was
   * 60 % of everything the fan-out allocated). The map holds at most twice the recipients of one spacing.
   */
  #forgetPast(now: number): void {
    const recipients = this.#recipients;
    if (recipients.size < this.#sweepAt) return;
    recipients.forEach((pace, recipient) => {
      if (pace.next <= now) recipients.delete(recipient);
    });
    this.#sweepAt = Math.max(MIN_SWEEP, 2 * recipients.size);
  }
}
