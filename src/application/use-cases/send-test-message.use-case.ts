import { parsePhoneNumber, PHONE_REJECTION_REASONS } from '../../domain/phone/phone-number.ts';
import { err, type Result } from '../../domain/shared/result.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { MessagingPort, ProviderFailure, SentMessage } from '../ports/messaging.port.ts';

export type TestMessageFailure = ProviderFailure | { readonly kind: 'invalid_recipient'; readonly message: string };

/**
 * Sends one message straight through the configured provider, outside the ledger: it checks a
 * provider's settings, so it must show the provider's own answer now rather than queue and retry.
 */
export class SendTestMessage {
  readonly #messaging: MessagingPort;
  readonly #defaultCountryCode: string;
  readonly #clock: Clock;

  constructor(messaging: MessagingPort, defaultCountryCode: string, clock: Clock) {
    this.#messaging = messaging;
    this.#defaultCountryCode = defaultCountryCode;
    this.#clock = clock;
  }

  async execute(to: string, text: string): Promise<Result<SentMessage, TestMessageFailure>> {
    const phone = parsePhoneNumber(to, this.#defaultCountryCode);
    if (!phone.ok) return err({ kind: 'invalid_recipient', message: PHONE_REJECTION_REASONS[phone.error] });
    return this.#messaging.send({
      deliveryId: `test-${this.#clock.now().getTime().toString(36)}`,
      clientId: null,
      to: phone.value,
      message: { job: 'offline-alert', text, variables: { titulo: text, link: '' } },
    });
  }
}
