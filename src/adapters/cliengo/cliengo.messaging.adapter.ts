import type { Clock } from '../../application/ports/clock.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort, ProviderMessage, SessionState, SendResult } from '../../application/ports/messaging.port.ts';
import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';
import { templateParameters, type JobTemplate } from '../../domain/messages/job-templates.ts';
import { phoneDigits } from '../../domain/phone/phone-number.ts';
import { err, ok } from '../../domain/shared/result.ts';
import { firstHeader, httpCall, prepareHttpCall } from '../http-support/http-call.ts';
import { noAnswerFailure } from '../http-support/no-answer.ts';
import { redactFailure } from '../http-support/redact.ts';
import { retryAfterMs } from '../http-support/retry-after.ts';
import type { CliengoConfig } from './cliengo.config.ts';
import { classifyCliengoAnswer } from './cliengo.errors.ts';
import { CliengoMediaCheck } from './cliengo.media-check.ts';

/** The body of `POST /website/{websiteId}/hsm/notifications` (docs/contracts/providers/cliengo.md). */
export interface CliengoNotification {
  /** A string, as the article's curl sends it (its prose example uses a number). */
  readonly templateId: string;
  /** Country code and number, digits only: "542994843975". */
  readonly destination: string;
  /** The template's variables by name; `{}` when it has none ("Debe enviarse vacío si no hay variables"). */
  readonly params: Record<string, string>;
  readonly media?: { readonly link: string; readonly filename?: string };
}

/**
 * Sends each job's approved template through Cliengo's HSM notifications. Cliengo returns no message
 * id and posts no receipts, so a sent notification is recorded as sent and stays there.
 */
export class CliengoMessaging implements MessagingPort {
  readonly provider = 'cliengo';
  readonly #settings: CliengoConfig;
  readonly #timeoutMs: number;
  readonly #clock: Clock;
  readonly #media: CliengoMediaCheck;
  readonly #url: string;

  constructor(settings: CliengoConfig, runtime: { timeoutMs: number; clock: Clock; logger: Logger }) {
    this.#settings = settings;
    this.#timeoutMs = runtime.timeoutMs;
    this.#clock = runtime.clock;
    this.#media = new CliengoMediaCheck(runtime);
    this.#url = `${settings.CLIENGO_BASE_URL}/website/${encodeURIComponent(settings.CLIENGO_WEBSITE_ID)}/hsm/notifications`;
    prepareHttpCall(this.#url);
  }

  async send(message: ProviderMessage): Promise<SendResult> {
    const template: JobTemplate | undefined = this.#settings.CLIENGO_TEMPLATES[message.message.job];
    if (template === undefined)
      return this.#failed(sendFailure('template_rejected', `no Cliengo template configured for ${message.message.job}`));
    if (template.media !== undefined) {
      const media = await this.#media.check(template.media);
      if (!media.ok) return this.#failed(media.error);
    }
    return this.#post(notificationOf(template, message));
  }

  async session(): Promise<SessionState> {
    return { ready: true, detail: 'cliengo: no session to keep; HSM notifications need only the API key, which each send checks' };
  }

  async #post(notification: CliengoNotification): Promise<SendResult> {
    const answer = await httpCall({
      method: 'POST',
      url: this.#url,
      headers: { 'content-type': 'application/json', accept: 'application/json', apikey: this.#settings.CLIENGO_API_KEY },
      body: JSON.stringify(notification),
      timeoutMs: this.#timeoutMs,
    });
    if (answer.kind !== 'answer')
      return this.#failed(noAnswerFailure('Cliengo', answer, this.#timeoutMs, [this.#settings.CLIENGO_API_KEY]));
    const outcome = classifyCliengoAnswer({
      status: answer.status,
      body: answer.text,
      retryAfterMs: retryAfterMs(answer.headers['retry-after'], this.#clock.now().getTime()),
      location: firstHeader(answer.headers, 'location'),
    });
    // Cliengo answers "HSM notification sent to …" and no id (docs/contracts/providers/cliengo.md, SUCCESS).
    return outcome.ok ? ok({ provider: this.provider, providerMessageId: outcome.value }) : this.#failed(outcome.error);
  }

  #failed(failure: SendFailure): SendResult {
    return err({ ...redactFailure(failure, [this.#settings.CLIENGO_API_KEY]), provider: this.provider });
  }
}

function notificationOf(template: JobTemplate, message: ProviderMessage): CliengoNotification {
  const media = template.media;
  return {
    templateId: template.template,
    destination: phoneDigits(message.to),
    params: Object.fromEntries(templateParameters(template, message.message.variables)),
    ...(media === undefined ? {} : { media: { link: media.link, ...(media.filename === undefined ? {} : { filename: media.filename }) } }),
  };
}
