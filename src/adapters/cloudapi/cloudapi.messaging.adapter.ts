import type { Clock } from '../../application/ports/clock.port.ts';
import type { ConversationWindows } from '../../application/ports/conversation-windows.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort, ProviderFailure, ProviderMessage, SentMessage, SessionState } from '../../application/ports/messaging.port.ts';
import type { OperatorAlerts } from '../../application/ports/operator-alerts.port.ts';
import type { ReplyPort } from '../../application/ports/reply.port.ts';
import { windowOpen } from '../../domain/conversations/service-window.ts';
import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';
import type { PhoneNumber } from '../../domain/phone/phone-number.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { prepareHttpCall } from '../http-support/http-call.ts';
import { redactFailure } from '../http-support/redact.ts';
import type { CloudapiConfig } from './cloudapi.config.ts';
import { classifyAnswer, type ClassifiedError } from './cloudapi.errors.ts';
import { callCloudApi } from './cloudapi.http.ts';
import { templateRequest, textRequest, wamidOf, type CloudApiRequest } from './cloudapi.requests.ts';
import type { TemplateStates } from './cloudapi.template-states.ts';

type SendResult = Result<SentMessage, ProviderFailure>;

/** After a token or account error nothing is sent for this long; then one send tries again (and stops again if it must). */
const STOPPED_FOR_MS = 60_000;
/** Meta pauses a template for 3 or 6 hours; its sends look again this often. */
const TEMPLATE_PAUSE_MS = 15 * 60_000;
/** `GET /{phone-number-id}` counts against a few hundred management calls an hour (§4.1). */
const SESSION_CHECK_EVERY_MS = 60_000;

export interface CloudApiRuntime {
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly windows: ConversationWindows;
  readonly alerts: OperatorAlerts;
  readonly templates: TemplateStates;
}

/**
 * Sends through Meta's Cloud API: free text (with a link preview) while the contact's 24-hour window is
 * open, the job's approved template otherwise, and the template when Meta says the window closed (131047).
 * A token or account error (190, 368, 131031…) stops every send and tells the operators: it is the provider
 * that cannot send, not this message that failed.
 */
export class CloudApiMessaging implements MessagingPort, ReplyPort {
  readonly provider = 'cloudapi';
  readonly #settings: CloudapiConfig;
  readonly #runtime: CloudApiRuntime;
  readonly #secrets: readonly string[];
  #stopped: { readonly until: number; readonly failure: SendFailure } | undefined;
  #session: { readonly at: number; readonly state: Promise<SessionState> } | undefined;

  constructor(settings: CloudapiConfig, runtime: CloudApiRuntime) {
    this.#settings = settings;
    this.#runtime = runtime;
    this.#secrets = [settings.CLOUDAPI_ACCESS_TOKEN, settings.CLOUDAPI_APP_SECRET, settings.CLOUDAPI_VERIFY_TOKEN];
    prepareHttpCall(settings.CLOUDAPI_BASE_URL);
  }

  async send(message: ProviderMessage): Promise<SendResult> {
    const stopped = this.#stillStopped();
    if (stopped !== undefined) return this.#failed(stopped);
    const { clock, windows } = this.#runtime;
    if (windowOpen(await windows.lastInboundAt(message.to), clock.now())) {
      const text = await this.#post(textRequest(message.to, message.message.text));
      if (text.ok || text.error.effect !== 'send-template') return text.ok ? this.#sent(text.value) : this.#failed(text.error.failure);
    }
    return this.#sendTemplate(message);
  }

  /** A confirmation to a contact who just wrote: free text, their window is open. */
  async reply(to: PhoneNumber, text: string): Promise<SendResult> {
    const stopped = this.#stillStopped();
    if (stopped !== undefined) return this.#failed(stopped);
    const answer = await this.#post(textRequest(to, text));
    return answer.ok ? this.#sent(answer.value) : this.#failed(answer.error.failure);
  }

  session(): Promise<SessionState> {
    const stopped = this.#stillStopped();
    if (stopped !== undefined) return Promise.resolve({ ready: false, detail: `cloudapi: sending stopped: ${stopped.message}` });
    const now = this.#runtime.clock.now().getTime();
    if (this.#session === undefined || now - this.#session.at >= SESSION_CHECK_EVERY_MS)
      this.#session = { at: now, state: this.#checkNumber() };
    return this.#session.state;
  }

  async #sendTemplate(message: ProviderMessage): Promise<SendResult> {
    const template = this.#settings.CLOUDAPI_TEMPLATES[message.message.job];
    const now = this.#runtime.clock.now().getTime();
    const pausedBy = this.#runtime.templates.pausedBy(template.template, now);
    if (pausedBy !== undefined)
      return this.#failed(
        sendFailure('rate_limited', `template ${template.template} is ${pausedBy} at Meta; its sends wait`, TEMPLATE_PAUSE_MS),
      );
    const answer = await this.#post(templateRequest(message, template));
    if (answer.ok) return this.#sent(answer.value);
    if (answer.error.effect === 'template-paused') this.#runtime.templates.pause(template.template, 'PAUSED', now, TEMPLATE_PAUSE_MS);
    return this.#failed(answer.error.failure);
  }

  /** The message's wamid, or the error classified with what it means for this provider's next sends. */
  async #post(body: CloudApiRequest): Promise<Result<string, ClassifiedError>> {
    const { CLOUDAPI_BASE_URL, CLOUDAPI_PHONE_NUMBER_ID, CLOUDAPI_ACCESS_TOKEN } = this.#settings;
    const call = await callCloudApi(
      'POST',
      `${CLOUDAPI_BASE_URL}/${CLOUDAPI_PHONE_NUMBER_ID}/messages`,
      CLOUDAPI_ACCESS_TOKEN,
      body,
      this.#runtime.timeoutMs,
    );
    if (!call.ok) return err({ failure: call.error, effect: 'none' });
    const answer = call.value;
    const id = answer.status >= 200 && answer.status < 300 ? wamidOf(answer.json) : undefined;
    if (id !== undefined) return ok(id);
    if (answer.status >= 200 && answer.status < 300)
      // Never counted as sent without the wamid that receipts will name: retried instead.
      return err({ failure: sendFailure('unavailable', 'Cloud API answered without a message id'), effect: 'none' });
    const classified = classifyAnswer(answer);
    if (classified.effect === 'stop-sending') this.#stop(classified.failure);
    return err(classified);
  }

  #stop(failure: SendFailure): void {
    const now = this.#runtime.clock.now();
    const wasStopped = this.#stillStopped() !== undefined;
    this.#stopped = { until: now.getTime() + STOPPED_FOR_MS, failure: redactFailure(failure, this.#secrets) };
    if (wasStopped) return;
    this.#runtime.logger.error('cloudapi stopped sending: token or account refused', { error: this.#stopped.failure.message });
    this.#runtime.alerts.raise({
      kind: 'provider-unavailable',
      provider: this.provider,
      cause: this.#stopped.failure.message,
      since: now,
      waiting: 0,
    });
  }

  #stillStopped(): SendFailure | undefined {
    if (this.#stopped === undefined) return undefined;
    if (this.#runtime.clock.now().getTime() < this.#stopped.until) return this.#stopped.failure;
    return undefined;
  }

  async #checkNumber(): Promise<SessionState> {
    const { CLOUDAPI_BASE_URL, CLOUDAPI_PHONE_NUMBER_ID, CLOUDAPI_ACCESS_TOKEN } = this.#settings;
    const call = await callCloudApi(
      'GET',
      `${CLOUDAPI_BASE_URL}/${CLOUDAPI_PHONE_NUMBER_ID}?fields=id`,
      CLOUDAPI_ACCESS_TOKEN,
      undefined,
      this.#runtime.timeoutMs,
    );
    if (!call.ok) return { ready: true, detail: `cloudapi: number not checked (${call.error.message})` };
    if (call.value.status >= 200 && call.value.status < 300) return { ready: true, detail: 'cloudapi: Graph API reachable, number found' };
    const classified = classifyAnswer(call.value);
    const detail = redactFailure(classified.failure, this.#secrets).message;
    return classified.effect === 'stop-sending'
      ? { ready: false, detail: `cloudapi: ${detail}` }
      : { ready: true, detail: `cloudapi: number not checked (${detail})` };
  }

  #sent(providerMessageId: string): SendResult {
    return ok({ provider: this.provider, providerMessageId });
  }

  #failed(failure: SendFailure): SendResult {
    return err({ ...redactFailure(failure, this.#secrets), provider: this.provider });
  }
}
