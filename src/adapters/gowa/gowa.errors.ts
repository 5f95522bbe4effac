import { sendFailure, type SendFailureKind } from '../../domain/deliveries/send-failure.ts';
import { err, ok } from '../../domain/shared/result.ts';
import { plainBody } from '../http-support/excerpt.ts';
import type { HttpAnswer } from '../http-support/http-call.ts';
import { asRecord, asString } from '../http-support/json-value.ts';
import { retryAfterMs } from '../http-support/retry-after.ts';
import type { ProviderCallOutcome } from '../http-support/provider-call.ts';
import { safeText } from '../http-support/safe-text.ts';

/**
 * WA_REACHOUT_TIMELOCK carries no Retry-After. It is WhatsApp's anti-spam lock on starting new chats
 * (error 463), which the gateway's own message says to wait out "a few minutes"; retrying sooner
 * only knocks on the lock again, which is what gets an account restricted further. A quarter of an
 * hour (the longest regular retry delay) lets the lock pass within the dispatcher's attempts.
 */
export const REACHOUT_TIMELOCK_WAIT_MS = 15 * 60_000;

/** A 429 that is not gowa's timelock (a proxy in front) and says nothing: half a minute. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 30_000;

/**
 * gowa's error codes for /send/* (docs/contracts/providers/gowa.md §1.3, v9.2.0 `src/pkg/error`): each maps to what the
 * dispatcher should do about it. Codes decide, not HTTP statuses, because 401 and 500 mean several
 * things.
 */
const CODES: Readonly<Record<string, { kind: SendFailureKind; what: string }>> = {
  VALIDATION_ERROR: { kind: 'rejected', what: 'the request did not validate' },
  INVALID_JID: { kind: 'invalid_recipient', what: 'the number is not on WhatsApp' },
  DEVICE_ID_REQUIRED: { kind: 'rejected', what: 'the gateway holds several devices: set GOWA_DEVICE_ID' },
  DEVICE_NOT_FOUND: { kind: 'rejected', what: 'no device matches GOWA_DEVICE_ID' },
  // The WhatsApp session is disconnected or logged out: it passes once someone reconnects it.
  AUTHENTICATION_ERROR: { kind: 'not_ready', what: 'the WhatsApp session is not logged in' },
  // v8+: what a logged-out device slot answers (logout keeps the slot with no client).
  INVALID_WA_CLI: { kind: 'not_ready', what: 'the device has no WhatsApp client (logged out)' },
  INTERNAL_SERVER_ERROR: { kind: 'unavailable', what: 'the gateway failed' },
  WA_REACHOUT_TIMELOCK: { kind: 'rate_limited', what: 'WhatsApp refused to start a new chat for now (reach-out timelock, error 463)' },
  // gowa's 45 s request deadline ran out while waiting on WhatsApp: the message may still have gone out.
  GATEWAY_TIMEOUT: { kind: 'timeout', what: 'the gateway timed out waiting on WhatsApp' },
  DEVICE_MANAGER_UNAVAILABLE: { kind: 'unavailable', what: 'the gateway is starting (device manager unavailable)' },
};

export function classifySendAnswer(answer: HttpAnswer, secrets: readonly string[], now: number): ProviderCallOutcome {
  const { status } = answer;
  const envelope = gowaEnvelope(answer.json);
  if (status >= 200 && status < 300) return readSuccess(answer, envelope, secrets);
  const said =
    envelope === undefined ? safeText(plainBody(answer.text), secrets) : safeText(`${envelope.code}: ${envelope.message}`, secrets);
  const fail = (kind: SendFailureKind, what: string, wait?: number): ProviderCallOutcome =>
    err(sendFailure(kind, `gowa answered HTTP ${status}: ${what}${said === '' ? '' : `; said: ${said}`}`, wait));
  const known = envelope !== undefined && Object.hasOwn(CODES, envelope.code) ? CODES[envelope.code] : undefined;
  const hinted = retryAfterMs(answer.headers['retry-after'], now);
  if (known?.kind === 'rate_limited') return fail(known.kind, known.what, Math.max(hinted ?? 0, REACHOUT_TIMELOCK_WAIT_MS));
  if (known !== undefined) return fail(known.kind, known.what);
  // Without gowa's JSON envelope the answer came from something in front of it: a 401 is Fiber's
  // basic-auth refusal (plain text with WWW-Authenticate, docs/contracts/providers/gowa.md §1.3), never a session problem.
  if (status === 401 || status === 403) return fail('unauthorized', 'the credentials were refused (check GOWA_USERNAME and GOWA_PASSWORD)');
  if (status === 408) return fail('timeout', 'the request timed out');
  if (status === 429) return fail('rate_limited', 'too many requests', hinted ?? DEFAULT_RATE_LIMIT_WAIT_MS);
  if (status === 504) return fail('timeout', 'the gateway timed out');
  if (status >= 500) return fail('unavailable', 'server error');
  if (status >= 300 && status < 400) return fail('rejected', 'redirected elsewhere (check GOWA_BASE_URL)');
  if (status === 404 && envelope === undefined) return fail('rejected', 'no gowa route here (check GOWA_BASE_URL and its base path)');
  return fail('rejected', 'the request was refused');
}

/** gowa's envelope `{code, message, results?}`; it never carries a top-level `status` (docs/contracts/providers/gowa.md §1.2). */
export function gowaEnvelope(json: unknown): { code: string; message: string; results: Record<string, unknown> | undefined } | undefined {
  const body = asRecord(json);
  const code = asString(body?.['code']);
  if (body === undefined || code === undefined) return undefined;
  return { code, message: asString(body['message']) ?? '', results: asRecord(body['results']) };
}

/**
 * `{code: "SUCCESS", results: {message_id}}`; the id is what `message.ack` webhooks list in
 * `payload.ids` (docs/contracts/providers/gowa.md §1.2). A 2xx without the envelope did not come from gowa (a proxy page),
 * so nothing says the message went out.
 */
function readSuccess(answer: HttpAnswer, envelope: ReturnType<typeof gowaEnvelope>, secrets: readonly string[]): ProviderCallOutcome {
  if (envelope?.code === 'SUCCESS') return ok(asString(envelope.results?.['message_id']) ?? null);
  const what = envelope === undefined ? 'without its JSON envelope' : `with code ${safeText(envelope.code, secrets)} instead of SUCCESS`;
  return err(sendFailure('unavailable', `gowa answered HTTP ${answer.status} ${what}`));
}
