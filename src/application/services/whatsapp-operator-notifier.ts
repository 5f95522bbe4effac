import type { PhoneNumber } from '../../domain/phone/phone-number.ts';
import { maskPhone } from '../../domain/phone/masking.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { sha256Hex } from '../../domain/shared/sha256.ts';
import type { MessagingPort } from '../ports/messaging.port.ts';
import type { OperatorNotice, OperatorNotifier } from '../ports/operator-notifier.port.ts';

export interface WhatsAppOperatorNotifierOptions {
  readonly to: PhoneNumber;
  /** A provider in use, by id (looked up when a notice goes out). */
  readonly provider: (id: string) => MessagingPort | undefined;
  readonly primary: string;
  readonly fallback: string | null;
}

/**
 * Notices to one operator's WhatsApp (OPS_WHATSAPP_NUMBERS, one notifier per number, so that a retry
 * never repeats a notice to those who got it): through the fallback provider while the primary is the
 * one that is down, else through the primary. A notice is sent as an offline alert would be (template
 * providers map it with their offline-alert template). Its id is derived from the notice and the
 * number, so that a provider that deduplicates by key takes a retried notice once.
 */
export class WhatsAppOperatorNotifier implements OperatorNotifier {
  readonly name: string;
  readonly #options: WhatsAppOperatorNotifierOptions;

  constructor(options: WhatsAppOperatorNotifierOptions) {
    this.#options = options;
    this.name = `whatsapp ${maskPhone(options.to)}`;
  }

  async notify(notice: OperatorNotice): Promise<Result<void, string>> {
    const { primary, fallback, to } = this.#options;
    const id = fallback !== null && notice.providersDown.includes(primary) ? fallback : primary;
    const provider = this.#options.provider(id);
    if (provider === undefined) throw new Error(`the provider ${id} is not configured here`);
    const sent = await provider.send({
      deliveryId: `ops-${sha256Hex(`${notice.text}\n${to}`).slice(0, 40)}`,
      clientId: null,
      to,
      message: { job: 'offline-alert', title: 'Aviso de cvt-whatsapp', text: notice.text, variables: { titulo: notice.text } },
    });
    return sent.ok ? ok(undefined) : err(`${id} did not take the notice: ${sent.error.message}`);
  }
}
