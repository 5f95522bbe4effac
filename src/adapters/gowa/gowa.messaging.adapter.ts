import type { Clock } from '../../application/ports/clock.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort, ProviderFailure, ProviderMessage, SentMessage, SessionState } from '../../application/ports/messaging.port.ts';
import type { SendFailure } from '../../domain/deliveries/send-failure.ts';
import { phoneDigits } from '../../domain/phone/phone-number.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { providerCall } from '../http-support/provider-call.ts';
import { httpCall, prepareHttpCall } from '../http-support/http-call.ts';
import type { GowaConfig } from './gowa.config.ts';
import { classifySendAnswer } from './gowa.errors.ts';
import { sessionFromStatus } from './gowa.session.ts';

/**
 * Sends free text through CVT's go-whatsapp-web-multidevice gateway: `POST {base}/send/message` with
 * `{phone: "<digits>", message}` (docs/contracts/providers/gowa.md §1). The gateway takes no idempotency key, and its answer
 * can come after WhatsApp's delivery receipt (issue #726), which the ledger accepts.
 */
export class GowaMessaging implements MessagingPort {
  readonly provider = 'gowa';
  readonly #settings: GowaConfig;
  readonly #timeoutMs: number;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #secrets: readonly string[];
  readonly #headers: Readonly<Record<string, string>>;

  constructor(settings: GowaConfig, runtime: { readonly timeoutMs: number; readonly clock: Clock; readonly logger: Logger }) {
    this.#settings = settings;
    this.#timeoutMs = runtime.timeoutMs;
    this.#logger = runtime.logger;
    this.#clock = runtime.clock;
    const credentials =
      settings.GOWA_USERNAME === undefined || settings.GOWA_PASSWORD === undefined
        ? undefined
        : Buffer.from(`${settings.GOWA_USERNAME}:${settings.GOWA_PASSWORD}`, 'utf8').toString('base64');
    this.#secrets = [settings.GOWA_PASSWORD ?? '', credentials ?? '', settings.GOWA_WEBHOOK_SECRET ?? ''];
    this.#headers = {
      accept: 'application/json',
      'user-agent': 'cvt-whatsapp',
      ...(credentials === undefined ? {} : { authorization: `Basic ${credentials}` }),
      ...(settings.GOWA_DEVICE_ID === undefined ? {} : { 'x-device-id': deviceHeader(settings.GOWA_DEVICE_ID) }),
    };
    prepareHttpCall(settings.GOWA_BASE_URL);
  }

  async send(message: ProviderMessage): Promise<Result<SentMessage, ProviderFailure>> {
    const call = {
      method: 'POST',
      url: `${this.#settings.GOWA_BASE_URL}/send/message`,
      headers: { ...this.#headers, 'content-type': 'application/json' },
      // Digits with the country code: no '+', never a leading 0, which gowa refuses since v7.3.1 (docs/contracts/providers/gowa.md §2).
      body: JSON.stringify({ phone: phoneDigits(message.to), message: message.message.text }),
      timeoutMs: this.#timeoutMs,
    } as const;
    const outcome = await providerCall('gowa', call, this.#secrets, (answer) =>
      classifySendAnswer(answer, this.#secrets, this.#clock.now().getTime()),
    );
    if (!outcome.ok) return this.#failed(outcome.error, message);
    return ok({ provider: this.provider, providerMessageId: outcome.value });
  }

  async session(): Promise<SessionState> {
    const answer = await httpCall({
      method: 'GET',
      url: `${this.#settings.GOWA_BASE_URL}/app/status`,
      headers: this.#headers,
      timeoutMs: this.#timeoutMs,
    });
    return sessionFromStatus(answer, this.#secrets);
  }

  #failed(failure: SendFailure, message: ProviderMessage): Result<SentMessage, ProviderFailure> {
    this.#logger.debug('gowa did not take a message', { deliveryId: message.deliveryId, kind: failure.kind, reason: failure.message });
    return err({ ...failure, provider: this.provider });
  }
}

/**
 * gowa URL-decodes X-Device-Id (docs/contracts/providers/gowa.md §4.2), so an id is sent as it is when decoding cannot change
 * it (slot ids, UUIDs, JIDs) and percent-encoded otherwise; v7 gateways ignore the header.
 */
function deviceHeader(deviceId: string): string {
  return /^[A-Za-z0-9._~@:-]+$/u.test(deviceId) ? deviceId : encodeURIComponent(deviceId);
}
