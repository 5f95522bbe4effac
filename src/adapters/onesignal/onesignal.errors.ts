import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { excerpt } from '../http-support/excerpt.ts';
import type { HttpAnswer } from '../http-support/http-call.ts';
import { isRecord } from '../http-support/json-value.ts';
import { retryAfterMs } from '../http-support/retry-after.ts';

/** OneSignal's rate limits are per second or minute and a Retry-After is not promised: wait at least a second. */
const DEFAULT_RETRY_AFTER_MS = 1_000;
/** Longer than the shared 200: an error list quoted whole is worth more than the space it takes. */
const MAX_DETAIL = 300;

/**
 * Legacy OneSignal answers a missing or malformed Authorization header with HTTP 400 and "Please include
 * a case-sensitive header of Authorization: Basic …" (issues OneSignal-Flutter-SDK#498,
 * OneSignal-Unity-SDK#255), a wrong key with 403 "Access denied" (laravel-onesignal#195).
 */
const CREDENTIALS = /authorization|api key|access denied/iu;
/** 400 "Incorrect player_id format in include_player_ids (not a valid UUID): [...]" (zeyneloz/onesignal-node#67). */
const DEVICE = /player_?id|include_player_ids|subscription/iu;
/** 200 with `errors: ["All included players are not subscribed"]` when the device cannot receive (OneSignal-Flutter-SDK#887). */
const NOT_SUBSCRIBED = /not subscribed/iu;

/**
 * OneSignal can refuse a notification inside an HTTP 200: `errors` is either a list of sentences or an
 * object such as `{invalid_player_ids: [...]}`, and `id` is "" when nothing was created
 * (CreateNotificationSuccessResponse in OneSignal's API clients). The id of the notification created, or why none was.
 */
export function notificationIdIn(json: unknown, deviceId: string): Result<string, SendFailure> {
  const body = isRecord(json) ? json : {};
  const errors = body['errors'];
  const sentences = Array.isArray(errors) ? errors.filter((entry): entry is string => typeof entry === 'string') : [];
  const invalid = isRecord(errors) && Array.isArray(errors['invalid_player_ids']) ? errors['invalid_player_ids'] : [];
  if (sentences.some((sentence) => NOT_SUBSCRIBED.test(sentence))) {
    return err(sendFailure('invalid_recipient', `OneSignal: the device is not subscribed (${excerpt(sentences.join('; '), MAX_DETAIL)})`));
  }
  if (invalid.includes(deviceId)) return err(sendFailure('invalid_recipient', 'OneSignal: invalid_player_ids names the device'));
  const id = body['id'];
  if (typeof id === 'string' && id !== '') return ok(id);
  const detail =
    sentences.length > 0
      ? excerpt(sentences.join('; '), MAX_DETAIL)
      : errors === undefined
        ? 'no notification id'
        : excerpt(JSON.stringify(errors), MAX_DETAIL);
  return err(sendFailure('rejected', `OneSignal created no notification: ${detail}`));
}

/** A failure for any answer other than 2xx. */
export function classifyAnswer(answer: HttpAnswer, now: number): SendFailure {
  const { status } = answer;
  const sentences = sentencesOf(answer.json);
  const text = sentences.length > 0 ? excerpt(sentences.join('; '), MAX_DETAIL) : excerpt(answer.text.slice(0, 200), MAX_DETAIL);
  const detail = text === '' ? '' : `: ${text}`;
  if (status === 401 || status === 403) return sendFailure('unauthorized', `OneSignal refused the API key (HTTP ${status})${detail}`);
  if (status === 429) {
    const wait = retryAfterMs(answer.headers['retry-after'], now) ?? DEFAULT_RETRY_AFTER_MS;
    return sendFailure('rate_limited', `OneSignal rate limit reached (HTTP 429)${detail}`, wait);
  }
  if (status >= 500) return sendFailure('unavailable', `OneSignal failed (HTTP ${status})${detail}`);
  if (status === 400 && sentences.some((sentence) => CREDENTIALS.test(sentence))) {
    return sendFailure('unauthorized', `OneSignal refused the API key (HTTP 400)${detail}`);
  }
  if (status === 400 && sentences.some((sentence) => DEVICE.test(sentence))) {
    return sendFailure('invalid_recipient', `OneSignal refused the device id (HTTP 400)${detail}`);
  }
  if (status >= 300 && status < 400)
    return sendFailure('rejected', `OneSignal answered a redirect (HTTP ${status}); check ONESIGNAL_BASE_URL`);
  return sendFailure('rejected', `OneSignal refused the notification (HTTP ${status})${detail}`);
}

function sentencesOf(json: unknown): string[] {
  const errors = isRecord(json) ? json['errors'] : undefined;
  if (Array.isArray(errors)) return errors.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry)));
  return isRecord(errors) ? [JSON.stringify(errors)] : [];
}
