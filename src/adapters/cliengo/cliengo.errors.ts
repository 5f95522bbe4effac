import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';
import { err, ok } from '../../domain/shared/result.ts';
import type { ProviderCallOutcome } from '../http-support/provider-call.ts';
import { excerpt } from '../http-support/excerpt.ts';
import { asRecord, parseJson } from '../http-support/json-value.ts';

/**
 * Cliengo's answers (docs/contracts/providers/cliengo.md, "Response"): every body is `{code, statusCode, description, result}`.
 * 200 SUCCESS; 400 INVALID_BODY (Joi validation, `result` lists the failing paths),
 * INVALID_CONTENT_LENGTH, INVALID_CONTENT_TYPE, HEAD_METHOD_NOT_ALLOWED (the media link, which Cliengo
 * HEADs itself); 401 UNAUTHORIZED (bad apikey for the website); 404 NOT_FOUND ("Cant find requested
 * template 5 for website …"); 409 FILE_SIZE_EXCEEDED. 429 and 5xx are not documented; they are what a
 * gateway in front of any API answers, and are treated as passing.
 */
/** The media checks Cliengo makes on `media.link`; the adapter makes the same ones before sending. */
export type CliengoMediaCode = 'INVALID_CONTENT_LENGTH' | 'INVALID_CONTENT_TYPE' | 'HEAD_METHOD_NOT_ALLOWED' | 'FILE_SIZE_EXCEEDED';

interface CliengoBody {
  readonly code?: unknown;
  readonly description?: unknown;
  readonly result?: unknown;
}

export interface CliengoAnswer {
  readonly status: number;
  readonly body: string;
  readonly retryAfterMs: number | undefined;
  readonly location: string | undefined;
}

/** Without Retry-After, a 429 still waits a little: hammering a limiter only extends it. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;

/** Cliengo took the notification (it gives no message id), or why not. */
export function classifyCliengoAnswer(answer: CliengoAnswer): ProviderCallOutcome {
  const body: CliengoBody = asRecord(parseJson(answer.body)) ?? {};
  const code = typeof body.code === 'string' ? body.code : undefined;
  const { status } = answer;
  if (status >= 200 && status < 300) {
    if (code === 'SUCCESS') return ok(null);
    // Cliengo's success always says SUCCESS; a 200 without it comes from something else (a proxy page).
    // Not retried: if Cliengo did send it, a retry would send the template twice.
    if (code === undefined)
      return err(sendFailure('rejected', `Cliengo answered HTTP ${status} without its SUCCESS code: ${describeBody(answer.body)}`));
  }
  if (code !== undefined && code !== 'SUCCESS') return err(byCode(code, answer, body));
  return err(byStatus(answer));
}

function byCode(code: string, answer: CliengoAnswer, body: CliengoBody): SendFailure {
  const said = `Cliengo answered HTTP ${answer.status} ${code}${describe(body)}`;
  switch (code) {
    case 'INVALID_BODY':
      return sendFailure(failsOnDestination(body.result) ? 'invalid_recipient' : 'rejected', said);
    case 'UNAUTHORIZED':
      return sendFailure('unauthorized', `${said} (check CLIENGO_API_KEY and CLIENGO_WEBSITE_ID)`);
    case 'NOT_FOUND':
      return sendFailure('template_rejected', `${said} (check the template ids in CLIENGO_TEMPLATES)`);
    case 'INVALID_CONTENT_LENGTH':
    case 'INVALID_CONTENT_TYPE':
    case 'HEAD_METHOD_NOT_ALLOWED':
    case 'FILE_SIZE_EXCEEDED':
      return sendFailure('rejected', `${said} (the template's media link)`);
    default:
      return byStatus(answer, said);
  }
}

function byStatus(answer: CliengoAnswer, said = `Cliengo answered HTTP ${answer.status}: ${describeBody(answer.body)}`): SendFailure {
  const { status } = answer;
  if (status === 429) return sendFailure('rate_limited', said, answer.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS);
  if (status === 408) return sendFailure('timeout', said);
  if (status >= 500) return sendFailure('unavailable', said, answer.retryAfterMs);
  if (status === 401 || status === 403) return sendFailure('unauthorized', said);
  if (status >= 300 && status < 400) {
    return sendFailure(
      'rejected',
      `Cliengo redirected the call (HTTP ${status}) to ${answer.location ?? 'nowhere'}: set CLIENGO_BASE_URL to the new address`,
    );
  }
  return sendFailure('rejected', said);
}

/**
 * A Joi error list (docs/contracts/providers/cliengo.md, INVALID_BODY) whose every problem is the value of `destination`: the
 * number itself was refused. A missing destination, or problems elsewhere, are a request we built wrong.
 */
function failsOnDestination(result: unknown): boolean {
  if (!Array.isArray(result) || result.length === 0) return false;
  return result.every((item) => {
    const { path, type } = (typeof item === 'object' && item !== null ? item : {}) as { path?: unknown; type?: unknown };
    return Array.isArray(path) && path[0] === 'destination' && type !== 'any.required';
  });
}

function describe(body: CliengoBody): string {
  const parts: string[] = [];
  if (typeof body.description === 'string') parts.push(body.description);
  if (Array.isArray(body.result)) {
    const messages = body.result.flatMap((item) =>
      typeof item === 'object' && item !== null && typeof (item as { message?: unknown }).message === 'string'
        ? [(item as { message: string }).message]
        : [],
    );
    if (messages.length > 0) parts.push(messages.join('; '));
  }
  return parts.length === 0 ? '' : `: ${excerpt(parts.join(': '), 300)}`;
}

function describeBody(text: string): string {
  return text.trim() === '' ? '(empty body)' : excerpt(text);
}
