import type { Clock } from '../../application/ports/clock.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort, ProviderFailure, ProviderMessage, SentMessage, SessionState } from '../../application/ports/messaging.port.ts';
import type { SendFailure } from '../../domain/deliveries/send-failure.ts';
import { phoneDigits } from '../../domain/phone/phone-number.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { httpCall, prepareHttpCall } from '../http-support/http-call.ts';
import { providerCall } from '../http-support/provider-call.ts';
import type { WaapiConfig } from './waapi.config.ts';
import { classifySendAnswer } from './waapi.errors.ts';
import { sessionFromStatus } from './waapi.session.ts';

/**
 * Sends free text through a Waapi instance (a WhatsApp Web session): `POST
 * {base}/instances/{id}/client/action/send-message` with `{chatId: "<digits>@c.us", message}`
 * (docs/contracts/providers/waapi.md §3). Waapi takes no idempotency key, so a send that timed out may
 * have gone out; pacing and retries are the composition's business.
 */
export class WaapiMessaging implements MessagingPort {
  readonly provider = 'waapi';
  readonly #settings: WaapiConfig;
  readonly #timeoutMs: number;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #secrets: readonly string[];
  /** The same for every message: built once, not per send of a fan-out. */
  readonly #sendUrl: string;
  readonly #sendHeaders: Readonly<Record<string, string>>;

  constructor(settings: WaapiConfig, runtime: { readonly timeoutMs: number; readonly clock: Clock; readonly logger: Logger }) {
    this.#settings = settings;
    this.#timeoutMs = runtime.timeoutMs;
    this.#logger = runtime.logger;
    this.#clock = runtime.clock;
    this.#secrets = [settings.WAAPI_TOKEN, settings.WAAPI_WEBHOOK_TOKEN ?? ''];
    this.#sendUrl = this.#instanceUrl('/client/action/send-message');
    this.#sendHeaders = { ...this.#headers(), 'content-type': 'application/json' };
    prepareHttpCall(this.#sendUrl);
  }

  async send(message: ProviderMessage): Promise<Result<SentMessage, ProviderFailure>> {
    const call = {
      method: 'POST',
      url: this.#sendUrl,
      headers: this.#sendHeaders,
      // A person's chat id is the international number without '+' and the c.us suffix (docs/contracts/whatsapp.md §2).
      body: JSON.stringify({ chatId: `${phoneDigits(message.to)}@c.us`, message: message.message.text }),
      timeoutMs: this.#timeoutMs,
    } as const;
    const outcome = await providerCall('waapi', call, this.#secrets, (answer) =>
      classifySendAnswer(answer, this.#secrets, this.#clock.now().getTime()),
    );
    if (!outcome.ok) return this.#failed(outcome.error, message);
    return ok({ provider: this.provider, providerMessageId: outcome.value });
  }

  async session(): Promise<SessionState> {
    const answer = await httpCall({
      method: 'GET',
      url: this.#instanceUrl('/client/status'),
      headers: this.#headers(),
      timeoutMs: this.#timeoutMs,
    });
    return sessionFromStatus(answer, this.#settings.WAAPI_INSTANCE_ID, this.#secrets);
  }

  #instanceUrl(path: string): string {
    return `${this.#settings.WAAPI_BASE_URL}/instances/${this.#settings.WAAPI_INSTANCE_ID}${path}`;
  }

  #headers(): Record<string, string> {
    return { authorization: `Bearer ${this.#settings.WAAPI_TOKEN}`, accept: 'application/json', 'user-agent': 'cvt-whatsapp' };
  }

  #failed(failure: SendFailure, message: ProviderMessage): Result<SentMessage, ProviderFailure> {
    this.#logger.debug('waapi did not take a message', { deliveryId: message.deliveryId, kind: failure.kind, reason: failure.message });
    return err({ ...failure, provider: this.provider });
  }
}
