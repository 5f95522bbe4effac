import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';
import { excerpt } from '../http-support/excerpt.ts';
import type { HttpAnswer } from '../http-support/http-call.ts';
import { retryAfterMs } from '../http-support/retry-after.ts';

/** One entry of Botmaker's `ErrorResponse` (`{errors: [{type, source, message}]}`, v2 spec components.schemas.ErrorResponse). */
export interface BotmakerError {
  readonly type: string;
  readonly source: string;
  readonly message: string;
}

/**
 * Botmaker publishes no error codes for trigger-intent, only "Chat reference or message body problem"
 * (v2 spec, 400), so the kind is read from the words of its errors: the template, then the channel
 * (our configuration, not the recipient), then the chat or contact.
 */
const TEMPLATE = /intent|template|plantilla|hsm/iu;
const CHANNEL = /channel|canal/iu;
const RECIPIENT = /contact|chat|phone|tel[eé]fono|n[uú]mero|number|recipient|destinat/iu;

/** The spec's limits are per second and Botmaker sends no Retry-After (none documented): wait one window. */
const DEFAULT_RETRY_AFTER_MS = 1_000;
/** Longer than the shared 200: an error list quoted whole is worth more than the space it takes. */
const MAX_DETAIL = 300;

export function errorsOf(json: unknown): BotmakerError[] {
  const errors = typeof json === 'object' && json !== null ? (json as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
    .map((entry) => ({ type: text(entry['type']), source: text(entry['source']), message: text(entry['message']) }));
}

/** A failure for a message Botmaker refused, whole call (400) or one item of a batch. */
export function classifyErrors(errors: readonly BotmakerError[], fallback: string): SendFailure {
  const described = errors.length === 0 ? fallback : describe(errors);
  const matches = (pattern: RegExp) => errors.some((error) => pattern.test(`${error.type} ${error.source} ${error.message}`));
  if (matches(TEMPLATE)) return sendFailure('template_rejected', `Botmaker refused the template: ${described}`);
  if (matches(CHANNEL)) return sendFailure('rejected', `Botmaker refused the channel (check BOTMAKER_CHANNEL_ID): ${described}`);
  if (matches(RECIPIENT)) return sendFailure('invalid_recipient', `Botmaker refused the recipient: ${described}`);
  return sendFailure('rejected', `Botmaker refused the message: ${described}`);
}

/** A failure for any answer other than 2xx. */
export function classifyAnswer(answer: HttpAnswer, now: number): SendFailure {
  const { status } = answer;
  const errors = errorsOf(answer.json);
  // Only the start of a body that is not Botmaker's JSON (an HTML page of a proxy) is worth quoting.
  const snippet = answer.text.slice(0, 200);
  const detail = errors.length > 0 ? `: ${describe(errors)}` : snippet.trim() === '' ? '' : `: ${excerpt(snippet, MAX_DETAIL)}`;
  if (status === 400) return classifyErrors(errors, `HTTP 400${detail}`);
  if (status === 401 || status === 403) return sendFailure('unauthorized', `Botmaker refused the access token (HTTP ${status})${detail}`);
  if (status === 429) {
    const wait = retryAfterMs(answer.headers['retry-after'], now) ?? DEFAULT_RETRY_AFTER_MS;
    return sendFailure('rate_limited', `Botmaker rate limit reached (HTTP 429)${detail}`, wait);
  }
  if (status >= 500) return sendFailure('unavailable', `Botmaker failed (HTTP ${status})${detail}`);
  if (status >= 300 && status < 400)
    return sendFailure('rejected', `Botmaker answered a redirect (HTTP ${status}); check BOTMAKER_BASE_URL`);
  return sendFailure('rejected', `Botmaker refused the call (HTTP ${status})${detail}`);
}

function describe(errors: readonly BotmakerError[]): string {
  return excerpt(
    errors.map((error) => [error.type, error.source].filter(Boolean).join(' ') + (error.message ? `: ${error.message}` : '')).join('; '),
    MAX_DETAIL,
  );
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}
