import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { excerpt, looksLikeHtml } from '../http-support/excerpt.ts';
import { asRecord, isRecord, parseJson } from '../http-support/json-value.ts';

/**
 * Chat-Tonic documents no response body, error code or rate limit for sendhsm or the campaign upload
 * (docs/contracts/providers/chattonic.md §3 "NOT FOUND"; docs/contracts/providers/chattonic.md stops at the curl examples). So answers are classified by
 * HTTP status, defensively: a 2xx counts only when it is not an HTML page and does not say it failed;
 * an id is read when one is there. 4xx other than 401/403/408/429 cannot be told apart (a bad number,
 * an unknown template, a wrong account) and are permanent `rejected`, with Chat-Tonic's own words.
 */
export interface ChattonicAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
  readonly retryAfterMs: number | undefined;
  readonly location: string | undefined;
}

/** A call Chat-Tonic took, with the id it gave (a message's or a campaign's) when it gives one; or why it did not. */
export type ChattonicOutcome = Result<string | null, SendFailure>;

/** Without Retry-After, a 429 still waits a little: hammering a limiter only extends it. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;
const ID_FIELDS = ['id', 'messageId', '_id', 'campaignId'] as const;

export function classifyChattonicAnswer(answer: ChattonicAnswer, call: string): ChattonicOutcome {
  const { status } = answer;
  const json = parseJson(answer.body);
  const said = `Chat-Tonic ${call} answered HTTP ${status}${detailOf(json, answer.body)}`;
  const failed = (failure: SendFailure): ChattonicOutcome => err(failure);
  if (status >= 200 && status < 300) {
    // A wrong base URL on a web host answers its HTML page with 200; that is not a sent message.
    if (/^text\/html\b/iu.test(answer.contentType ?? '') || looksLikeHtml(answer.body)) {
      return failed(
        sendFailure('rejected', `Chat-Tonic ${call} answered HTTP ${status} with an HTML page, not the API (check CHATTONIC_BASE_URL)`),
      );
    }
    if (saysFailed(json)) return failed(sendFailure('rejected', said));
    return ok(idOf(json));
  }
  if (status === 429) return failed(sendFailure('rate_limited', said, answer.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS));
  if (status === 408) return failed(sendFailure('timeout', said));
  if (status >= 500) return failed(sendFailure('unavailable', said, answer.retryAfterMs));
  if (status === 401 || status === 403) return failed(sendFailure('unauthorized', `${said} (check CHATTONIC_TOKEN)`));
  if (status === 404) {
    return failed(
      sendFailure('rejected', `${said} (check CHATTONIC_BASE_URL, CHATTONIC_APP_CODENAME, CHATTONIC_PLATFORM and CHATTONIC_ACCOUNT_ID)`),
    );
  }
  if (status >= 300 && status < 400) {
    return failed(
      sendFailure(
        'rejected',
        `Chat-Tonic ${call} redirected (HTTP ${status}) to ${answer.location ?? 'nowhere'}: set CHATTONIC_BASE_URL to the new address`,
      ),
    );
  }
  return failed(sendFailure('rejected', said));
}

/** The common ways a JSON API says "not done" inside a 2xx. */
function saysFailed(json: unknown): boolean {
  const body = asRecord(json);
  if (body === undefined) return false;
  if (body['success'] === false || body['ok'] === false) return true;
  if (typeof body['status'] === 'string' && /^(error|fail|failed|failure)$/iu.test(body['status'])) return true;
  if (body['error'] !== undefined && body['error'] !== null && body['error'] !== false && body['error'] !== '') return true;
  return Array.isArray(body['errors']) && body['errors'].length > 0;
}

/** `id`, `messageId`, `_id` (or a campaign's id), at the top or under `data`. */
function idOf(json: unknown): string | null {
  for (const body of [asRecord(json), asRecord(asRecord(json)?.['data'])]) {
    if (body === undefined) continue;
    for (const field of ID_FIELDS) {
      const value = body[field];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    }
  }
  return null;
}

function detailOf(json: unknown, text: string): string {
  const body = asRecord(json);
  if (body === undefined) return text.trim() === '' ? '' : `: ${excerpt(text)}`;
  const texts: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.trim() !== '') texts.push(value.trim());
    else if (isRecord(value)) add(value['message']);
  };
  for (const field of ['code', 'message', 'error', 'description', 'detail']) add(body[field]);
  if (Array.isArray(body['errors'])) for (const item of body['errors']) add(item);
  return texts.length === 0 ? `: ${excerpt(text)}` : `: ${excerpt(texts.join(': '), 300)}`;
}
