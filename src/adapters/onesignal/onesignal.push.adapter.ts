import type { Clock } from '../../application/ports/clock.port.ts';
import type { ProviderFailure, SentMessage } from '../../application/ports/messaging.port.ts';
import type { PushNotification, PushPort } from '../../application/ports/push.port.ts';
import type { SendFailure } from '../../domain/deliveries/send-failure.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { httpCall, type HttpAnswer } from '../http-support/http-call.ts';
import { noAnswerFailure } from '../http-support/no-answer.ts';
import { redactFailure } from '../http-support/redact.ts';
import { classifyAnswer, notificationIdIn } from './onesignal.errors.ts';
import { idempotencyKey } from './onesignal.idempotency.ts';

export interface OneSignalSettings {
  readonly ONESIGNAL_APP_ID: string;
  readonly ONESIGNAL_API_KEY: string;
  readonly ONESIGNAL_API: 'current' | 'legacy';
  readonly ONESIGNAL_BASE_URL: string;
}

/**
 * How each API names the same request (docs/contracts/providers/onesignal.md §1): the current one
 * (api.onesignal.com, App API keys) and the legacy one that legacy REST API keys still need until
 * OneSignal retires them. A legacy player id is a subscription id of the current API.
 */
const WIRE = {
  current: { scheme: 'Key', devices: 'include_subscription_ids', idempotency: 'idempotency_key', channel: { target_channel: 'push' } },
  legacy: { scheme: 'Basic', devices: 'include_player_ids', idempotency: 'external_id', channel: {} },
} as const;

/**
 * Pushes offline alerts to CVT's app through OneSignal (`POST {base}/notifications`), as the old alerts
 * function did for each entry's `onesignalDevices`. Each notification goes to one device and carries the
 * delivery's idempotency key, so a call retried after a timeout is not shown twice.
 */
export class OneSignalPush implements PushPort {
  readonly provider = 'onesignal';
  readonly #settings: OneSignalSettings;
  readonly #timeoutMs: number;
  readonly #clock: Clock;

  constructor(settings: OneSignalSettings, runtime: { timeoutMs: number; clock: Clock }) {
    this.#settings = settings;
    this.#timeoutMs = runtime.timeoutMs;
    this.#clock = runtime.clock;
  }

  async notify(notification: PushNotification): Promise<Result<SentMessage, ProviderFailure>> {
    const call = await this.#post(notification);
    if (!call.ok) return this.#failed(call.error);
    const answer = call.value;
    if (answer.status >= 200 && answer.status < 300) {
      const created = notificationIdIn(answer.json, notification.deviceId);
      if (!created.ok) return this.#failed(created.error);
      return ok({ provider: this.provider, providerMessageId: created.value });
    }
    return this.#failed(classifyAnswer(answer, this.#clock.now().getTime()));
  }

  async #post(notification: PushNotification): Promise<Result<HttpAnswer, SendFailure>> {
    const answer = await httpCall({
      method: 'POST',
      url: `${this.#settings.ONESIGNAL_BASE_URL}/notifications`,
      headers: {
        authorization: `${WIRE[this.#settings.ONESIGNAL_API].scheme} ${this.#settings.ONESIGNAL_API_KEY}`,
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
      },
      body: JSON.stringify(this.#body(notification)),
      timeoutMs: this.#timeoutMs,
    });
    return answer.kind === 'answer'
      ? ok(answer)
      : err(noAnswerFailure('OneSignal', answer, this.#timeoutMs, [this.#settings.ONESIGNAL_API_KEY]));
  }

  /** OneSignal requires English content; CVT's app is Spanish, so both languages carry the same text. */
  #body(notification: PushNotification) {
    const wire = WIRE[this.#settings.ONESIGNAL_API];
    return {
      app_id: this.#settings.ONESIGNAL_APP_ID,
      ...wire.channel,
      [wire.devices]: [notification.deviceId],
      headings: { en: notification.heading, es: notification.heading },
      contents: { en: notification.content, es: notification.content },
      data: { targetUrl: notification.targetUrl },
      [wire.idempotency]: idempotencyKey(notification.deliveryId),
    };
  }

  #failed(failure: SendFailure): Result<SentMessage, ProviderFailure> {
    return err({ ...redactFailure(failure, [this.#settings.ONESIGNAL_API_KEY]), provider: this.provider });
  }
}
