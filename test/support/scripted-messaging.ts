import type { Clock } from '../../src/application/ports/clock.port.ts';
import type {
  MessagingPort,
  ProviderFailure,
  ProviderMessage,
  SentMessage,
  SessionState,
} from '../../src/application/ports/messaging.port.ts';
import { sendFailure } from '../../src/domain/deliveries/send-failure.ts';
import type { Result } from '../../src/domain/shared/result.ts';

export type ScriptedOutcome = 'ok' | 'retryable' | 'rate-limited' | 'permanent' | 'throws';

/** What a `rate-limited` answer asks the sender to wait (its Retry-After). */
export const SCRIPTED_RETRY_AFTER_MS = 30_000;

/**
 * A provider whose answers follow a script, one outcome per call (then `ok`). It remembers every
 * message it accepted, which is what recipients would have received, and, given a clock, when each call came.
 */
export class ScriptedMessaging implements MessagingPort {
  readonly provider: string;
  readonly accepted: ProviderMessage[] = [];
  readonly calls: { message: ProviderMessage; outcome: ScriptedOutcome; at: Date | null }[] = [];
  readonly #script: ScriptedOutcome[];
  readonly #clock: Clock | undefined;

  constructor(script: readonly ScriptedOutcome[] = [], provider = 'scripted', clock?: Clock) {
    this.#script = [...script];
    this.provider = provider;
    this.#clock = clock;
  }

  async send(message: ProviderMessage): Promise<Result<SentMessage, ProviderFailure>> {
    const outcome = this.#script.shift() ?? 'ok';
    this.calls.push({ message, outcome, at: this.#clock?.now() ?? null });
    await Promise.resolve();
    switch (outcome) {
      case 'ok':
        this.accepted.push(message);
        return { ok: true, value: { provider: this.provider, providerMessageId: `m-${this.accepted.length}` } };
      case 'retryable':
        return { ok: false, error: { ...sendFailure('unavailable', 'HTTP 503'), provider: this.provider } };
      case 'rate-limited':
        return { ok: false, error: { ...sendFailure('rate_limited', 'HTTP 429', SCRIPTED_RETRY_AFTER_MS), provider: this.provider } };
      case 'permanent':
        return { ok: false, error: { ...sendFailure('invalid_recipient', 'not a WhatsApp number'), provider: this.provider } };
      case 'throws':
        throw new Error('adapter bug');
    }
  }

  async session(): Promise<SessionState> {
    return { ready: true, detail: 'scripted' };
  }

  acceptedFor(deliveryId: string): number {
    return this.accepted.filter((message) => message.deliveryId === deliveryId).length;
  }
}
