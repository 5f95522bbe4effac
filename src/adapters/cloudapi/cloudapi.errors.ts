import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';
import { excerpt } from '../http-support/excerpt.ts';
import type { HttpAnswer } from '../http-support/http-call.ts';
import { asRecord } from '../http-support/json-value.ts';

/** Meta's error envelope `{"error": {"message", "type", "code", "error_data": {"details"}, "error_subcode", "fbtrace_id"}}` (§1.5). */
interface MetaError {
  readonly code: number | null;
  readonly message: string;
  readonly details: string;
}

/** What the adapter must do besides failing this message. */
type ErrorEffect = 'none' | 'send-template' | 'stop-sending' | 'template-paused';

export interface ClassifiedError {
  readonly failure: SendFailure;
  readonly effect: ErrorEffect;
}

// Meta's codes (docs/contracts/providers/cloudapi.md §2); never its titles, its subcodes or the HTTP status, which it does not document per code.
const THROUGHPUT = new Set([130429, 80007, 4]);
const PAIR_RATE = 131056;
const WINDOW_CLOSED = 131047;
/** The token, the account or the number: nothing can be sent until an operator acts, whatever the message. */
const ACCOUNT = new Set([0, 190, 3, 10, 368, 131031, 131048, 133010, 131042, 130497, 131063]);
const TEMPLATE = new Set([132000, 132001, 132005, 132007, 132012, 132016]);
const TEMPLATE_PAUSED = 132015;
const RECIPIENT = new Set([131026, 131021, 130403]);
/** The user stopped our marketing messages (class U): never retried, the number suppressed (§5). */
const MARKETING_STOPPED = 131050;
const PASSING = new Set([1, 2, 131000, 131016, 133004, 131057]);

/** Meta's throughput is per second; its pair rate about one message in 6 s, and it asks for 4^X s between retries. */
const THROUGHPUT_WAIT_MS = 1_000;
const PAIR_RATE_WAIT_MS = 6_000;
const TEMPLATE_PAUSE_WAIT_MS = 15 * 60_000;

function metaErrorOf(json: unknown): MetaError | undefined {
  const error = asRecord(asRecord(json)?.['error']);
  if (error === undefined) return undefined;
  const code = typeof error['code'] === 'number' ? error['code'] : Number.parseInt(String(error['code']), 10);
  const details = asRecord(error['error_data'])?.['details'];
  return {
    code: Number.isInteger(code) ? code : null,
    message: typeof error['message'] === 'string' ? error['message'] : '',
    details: typeof details === 'string' ? details : '',
  };
}

/** `131026: (#131026) Message undeliverable (…details)`: the code and Meta's own words, for `lastError`. */
function describeMetaError(error: MetaError): string {
  const details = error.details !== '' && error.details !== error.message ? ` (${error.details})` : '';
  return excerpt(`${error.code ?? 'no code'}: ${error.message || 'no message'}${details}`, 300);
}

function classifyMetaError(error: MetaError, httpStatus: number): ClassifiedError {
  const said = `Cloud API error ${describeMetaError(error)}`;
  const code = error.code ?? -1;
  if (THROUGHPUT.has(code)) return { failure: sendFailure('rate_limited', said, THROUGHPUT_WAIT_MS), effect: 'none' };
  if (code === PAIR_RATE) return { failure: sendFailure('rate_limited', said, PAIR_RATE_WAIT_MS), effect: 'none' };
  if (code === WINDOW_CLOSED) return { failure: sendFailure('rejected', said), effect: 'send-template' };
  if (ACCOUNT.has(code) || (code >= 200 && code <= 299)) return { failure: sendFailure('not_ready', said), effect: 'stop-sending' };
  // One template's pause holds its own job, not the provider: a wait like a rate limit, never an outage.
  if (code === TEMPLATE_PAUSED) return { failure: sendFailure('rate_limited', said, TEMPLATE_PAUSE_WAIT_MS), effect: 'template-paused' };
  if (TEMPLATE.has(code)) return { failure: sendFailure('template_rejected', said), effect: 'none' };
  if (RECIPIENT.has(code)) return { failure: sendFailure('invalid_recipient', said), effect: 'none' };
  if (code === MARKETING_STOPPED) return { failure: sendFailure('opted_out', said), effect: 'none' };
  if (PASSING.has(code) || httpStatus >= 500) return { failure: sendFailure('unavailable', said), effect: 'none' };
  return { failure: sendFailure('rejected', said), effect: 'none' };
}

/** Any answer other than 200 with a message id. */
export function classifyAnswer(answer: HttpAnswer): ClassifiedError {
  const error = metaErrorOf(answer.json);
  if (error !== undefined) return classifyMetaError(error, answer.status);
  const snippet = excerpt(answer.text.slice(0, 200));
  const detail = snippet === '' ? '' : `: ${snippet}`;
  if (answer.status === 429)
    return { failure: sendFailure('rate_limited', `Cloud API HTTP 429${detail}`, THROUGHPUT_WAIT_MS), effect: 'none' };
  if (answer.status >= 500)
    return { failure: sendFailure('unavailable', `Cloud API failed (HTTP ${answer.status})${detail}`), effect: 'none' };
  if (answer.status >= 300 && answer.status < 400)
    return {
      failure: sendFailure('rejected', `Cloud API answered a redirect (HTTP ${answer.status}); check CLOUDAPI_BASE_URL`),
      effect: 'none',
    };
  return { failure: sendFailure('rejected', `Cloud API refused the call (HTTP ${answer.status})${detail}`), effect: 'none' };
}
