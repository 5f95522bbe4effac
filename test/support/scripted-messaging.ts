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

/**
 * A provider whose answers follow a script, one outcome per call (then `ok`). It remembers every
 * message it accepted, which is what recipients would have received.
 */
export class ScriptedMessaging implements MessagingPort {
  readonly provider: string;
  readonly accepted: ProviderMessage[] = [];
  readonly calls: { message: ProviderMessage; outcome: ScriptedOutcome }[] = [];
  readonly #script: ScriptedOutcome[];

  constructor(script: readonly ScriptedOutcome[] = [], provider = 'scripted') {
    this.#script = [...script];
    this.provider = provider;
  }

  async send(message: ProviderMessage): Promise<Result<SentMessage, ProviderFailure>> {
    const outcome = this.#script.shift() ?? 'ok';
    this.calls.push({ message, outcome });
    await Promise.resolve();
    switch (outcome) {
      case 'ok':
        this.accepted.push(message);
        return { ok: true, value: { provider: this.provider, providerMessageId: `m-${this.accepted.length}` } };
      case 'retryable':
        return { ok: false, error: { ...sendFailure('unavailable', 'HTTP 503'), provider: this.provider } };
      case 'rate-limited':
        return { ok: false, error: { ...sendFailure('rate_limited', 'HTTP 429', 30_000), provider: this.provider } };
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
