import type { Clock } from '../../application/ports/clock.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort, ProviderMessage, SessionState, SendResult } from '../../application/ports/messaging.port.ts';
import type { ReplyPort } from '../../application/ports/reply.port.ts';
import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';
import { phoneDigits, type PhoneNumber } from '../../domain/phone/phone-number.ts';
import { err, ok } from '../../domain/shared/result.ts';
import { excerpt } from '../http-support/excerpt.ts';
import { prepareHttpCall } from '../http-support/http-call.ts';
import { redactFailure } from '../http-support/redact.ts';
import type { BotmakerConfig } from './botmaker.config.ts';
import { callBotmaker } from './botmaker.http.ts';
import { BotmakerSessionCheck } from './botmaker.session.ts';
import { BATCH_LIMIT, triggerIntentRequest } from './botmaker.trigger-intent.ts';
import { classifyAnswer, classifyErrors, errorsOf } from './botmaker.errors.ts';

/**
 * Sends each job as its Botmaker template (intent) through API v2: one message with
 * `chats-actions/trigger-intent`, many with `chats-actions/batch/trigger-intent`. Botmaker answers 202
 * with a `webhookNotificationId` and delivers asynchronously; receipts come back by webhook.
 * Botmaker takes no idempotency key, so a call retried after a timeout may reach the person twice.
 */
export class BotmakerMessaging implements MessagingPort, ReplyPort {
  readonly provider = 'botmaker';
  readonly #settings: BotmakerConfig;
  readonly #timeoutMs: number;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #session: BotmakerSessionCheck;
  readonly #secrets: readonly string[];

  constructor(settings: BotmakerConfig, runtime: { timeoutMs: number; clock: Clock; logger: Logger }) {
    this.#settings = settings;
    this.#timeoutMs = runtime.timeoutMs;
    this.#clock = runtime.clock;
    this.#logger = runtime.logger;
    this.#secrets = [settings.BOTMAKER_ACCESS_TOKEN, settings.BOTMAKER_WEBHOOK_TOKEN ?? ''];
    this.#session = new BotmakerSessionCheck({
      baseUrl: settings.BOTMAKER_BASE_URL,
      accessToken: settings.BOTMAKER_ACCESS_TOKEN,
      channelId: settings.BOTMAKER_CHANNEL_ID,
      timeoutMs: runtime.timeoutMs,
      clock: runtime.clock,
    });
    prepareHttpCall(settings.BOTMAKER_BASE_URL);
  }

  async send(message: ProviderMessage): Promise<SendResult> {
    const body = triggerIntentRequest(message, this.#settings.BOTMAKER_TEMPLATES, this.#settings.BOTMAKER_CHANNEL_ID);
    const call = await callBotmaker(
      'POST',
      `${this.#settings.BOTMAKER_BASE_URL}/chats-actions/trigger-intent`,
      this.#settings.BOTMAKER_ACCESS_TOKEN,
      body,
      this.#timeoutMs,
    );
    if (!call.ok) return this.#failed(call.error);
    const answer = call.value;
    // The v2 spec answers 202; the help article (3502316744427746581) still says 200.
    if (answer.status >= 200 && answer.status < 300) return this.#sent(notificationIdOf(answer.json));
    return this.#failed(classifyAnswer(answer, this.#clock.now().getTime()));
  }

  /** One result per message, in order; calls of at most 500 items, one after the other. */
  async sendMany(messages: readonly ProviderMessage[]): Promise<SendResult[]> {
    const results: SendResult[] = [];
    for (let start = 0; start < messages.length; start += BATCH_LIMIT)
      results.push(...(await this.#sendBatch(messages.slice(start, start + BATCH_LIMIT))));
    return results;
  }

  session(): Promise<SessionState> {
    return this.#session.state();
  }

  /**
   * Free text to a contact who just wrote (their window is open): `chats-actions/send-messages`
   * (docs/contracts/providers/botmaker.md §1, `MessagesRequest {chat, messages: [{text}]}`), answered 202 like trigger-intent.
   */
  async reply(to: PhoneNumber, text: string): Promise<SendResult> {
    const call = await callBotmaker(
      'POST',
      `${this.#settings.BOTMAKER_BASE_URL}/chats-actions/send-messages`,
      this.#settings.BOTMAKER_ACCESS_TOKEN,
      { chat: { channelId: this.#settings.BOTMAKER_CHANNEL_ID, contactId: phoneDigits(to) }, messages: [{ text }] },
      this.#timeoutMs,
    );
    if (!call.ok) return this.#failed(call.error);
    if (call.value.status >= 200 && call.value.status < 300) return this.#sent(notificationIdOf(call.value.json));
    return this.#failed(classifyAnswer(call.value, this.#clock.now().getTime()));
  }

  async #sendBatch(messages: readonly ProviderMessage[]): Promise<SendResult[]> {
    const items = messages.map((message) =>
      triggerIntentRequest(message, this.#settings.BOTMAKER_TEMPLATES, this.#settings.BOTMAKER_CHANNEL_ID),
    );
    const call = await callBotmaker(
      'POST',
      `${this.#settings.BOTMAKER_BASE_URL}/chats-actions/batch/trigger-intent`,
      this.#settings.BOTMAKER_ACCESS_TOKEN,
      { items },
      this.#timeoutMs,
    );
    if (!call.ok) return messages.map(() => this.#failed(call.error));
    const answer = call.value;
    if (answer.status < 200 || answer.status >= 300) {
      // A refused call (400 included) refuses every message in it.
      const failure = classifyAnswer(answer, this.#clock.now().getTime());
      return messages.map(() => this.#failed(failure));
    }
    const results = itemsOf(answer.json);
    if (results.length !== messages.length) {
      this.#logger.warn('botmaker batch answered another number of results than messages', {
        messages: messages.length,
        results: results.length,
      });
    }
    return messages.map((_, index) => this.#itemResult(results[index]));
  }

  #itemResult(item: unknown): SendResult {
    if (typeof item !== 'object' || item === null) {
      // Never count a message as sent without Botmaker saying so: it is retried instead.
      return this.#failed(sendFailure('unavailable', 'Botmaker accepted the batch but returned no result for this message'));
    }
    const errors = errorsOf(item);
    if (errors.length > 0) return this.#failed(classifyErrors(errors, 'batch item refused'));
    const notificationId = notificationIdOf(item);
    // The spec answers each item with its id or an ErrorResponse: anything else is not Botmaker taking
    // the message. Not retried, since whether it went out is unknown and each send is a paid template.
    if (notificationId === null)
      return this.#failed(
        sendFailure('rejected', `Botmaker answered this batch item without a webhookNotificationId: ${excerpt(JSON.stringify(item), 300)}`),
      );
    return this.#sent(notificationId);
  }

  #sent(providerMessageId: string | null): SendResult {
    return ok({ provider: this.provider, providerMessageId });
  }

  #failed(failure: SendFailure): SendResult {
    return err({ ...redactFailure(failure, this.#secrets), provider: this.provider });
  }
}

function notificationIdOf(json: unknown): string | null {
  const id = typeof json === 'object' && json !== null ? (json as { webhookNotificationId?: unknown }).webhookNotificationId : undefined;
  return typeof id === 'string' && id !== '' ? id : null;
}

function itemsOf(json: unknown): unknown[] {
  const items = typeof json === 'object' && json !== null ? (json as { items?: unknown }).items : undefined;
  return Array.isArray(items) ? items : [];
}
