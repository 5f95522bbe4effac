import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';
import { err, ok } from '../../domain/shared/result.ts';
import type { ProviderCallOutcome } from '../http-support/provider-call.ts';
import { plainBody } from '../http-support/excerpt.ts';
import type { HttpAnswer } from '../http-support/http-call.ts';
import { asRecord, asString } from '../http-support/json-value.ts';
import { retryAfterMs } from '../http-support/retry-after.ts';
import { safeText } from '../http-support/safe-text.ts';
import { waapiMessageId } from './waapi.message-id.ts';

/** Waapi documents no wait for a 429 without Retry-After; half a minute keeps the quick in-process retry from hammering it. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 30_000;

/**
 * Reads Waapi's answer to send-message (docs/contracts/providers/waapi.md §4; the official SDKs' status mapping,
 * waapi-typescript-sdk src/http.ts). Secrets listed in `secrets` never reach a failure message.
 */
export function classifySendAnswer(answer: HttpAnswer, secrets: readonly string[], now: number): ProviderCallOutcome {
  const { status } = answer;
  const said = providerSays(answer, secrets);
  const fail = (kind: Parameters<typeof sendFailure>[0], what: string, wait?: number): ProviderCallOutcome =>
    err(sendFailure(kind, `waapi answered HTTP ${status}: ${what}${said === '' ? '' : `; said: ${said}`}`, wait));
  if (status >= 200 && status < 300) return readSuccess(answer, secrets);
  if (status === 401 || status === 403) return fail('unauthorized', 'the token was refused or lacks permissions');
  if (status === 404) return fail('rejected', 'the instance does not exist or does not belong to this token');
  if (status === 408) return fail('timeout', 'the request timed out');
  if (status === 422) return fail('rejected', 'the request did not validate');
  if (status === 429)
    return fail('rate_limited', 'too many requests', retryAfterMs(answer.headers['retry-after'], now) ?? DEFAULT_RATE_LIMIT_WAIT_MS);
  if (status === 504) return fail('timeout', 'the gateway timed out');
  if (status >= 500) return fail('unavailable', 'server error');
  if (status >= 300 && status < 400) return fail('rejected', 'redirected elsewhere (check WAAPI_BASE_URL)');
  return fail('rejected', status === 400 ? 'the action failed' : 'the request was refused');
}

/**
 * HTTP 200 has two envelopes and the inner one is authoritative (docs/contracts/providers/waapi.md §4; waapi-php-sdk
 * tests/InnerStatusTest.php): an outer `status: "error"` means the request never reached a working
 * instance ("instance not ready"), an inner `data.status: "error"` means the instance refused the
 * action ("incorrect chatId format.") and sent nothing.
 */
function readSuccess(answer: HttpAnswer, secrets: readonly string[]): ProviderCallOutcome {
  const body = asRecord(answer.json);
  if (body === undefined) {
    return err(sendFailure('unavailable', `waapi answered HTTP ${answer.status} without its JSON envelope`));
  }
  if (body['status'] === 'error') {
    return err(sendFailure('not_ready', `waapi could not reach the instance: ${said(body, secrets) || 'status error'}`));
  }
  const data = asRecord(body['data']);
  if (data?.['status'] === 'error') {
    const reason = said(data, secrets) || 'status error';
    return err(sendFailure(innerFailureKind(reason), `waapi's instance refused the message: ${reason}`));
  }
  return ok(messageIdOf(data) ?? messageIdOf(asRecord(data?.['data'])) ?? null);
}

/**
 * Waapi documents one inner error, the malformed chat id. Others come from whatsapp-web.js, which
 * Waapi wraps: an unknown number ("wid"), or the session's browser gone ("Session closed", "Target
 * closed", "Protocol error"), which passes once the instance restarts.
 */
function innerFailureKind(reason: string): SendFailure['kind'] {
  if (/chat ?id|\bwid\b|not (a )?registered|not on whatsapp/iu.test(reason)) return 'invalid_recipient';
  if (/session closed|target closed|protocol error|not ready/iu.test(reason)) return 'not_ready';
  return 'rejected';
}

/**
 * The message's hash (`id.id`, see waapi.message-id.ts), which its `message_ack` receipts carry whatever
 * form the chat id takes by then: in `_data.id` in the OpenAPI example, in `id` in public code
 * (docs/contracts/providers/waapi.md §4). The live API wraps the action's result once more (`data.data`, as in waapi-php-sdk
 * tests/InnerStatusTest.php), so both levels are read.
 */
function messageIdOf(result: Record<string, unknown> | undefined): string | undefined {
  if (result === undefined) return undefined;
  const idIn = (holder: unknown) => waapiMessageId(asRecord(holder)?.['id'])?.hash;
  return idIn(result['_data']) ?? idIn(result);
}

function said(envelope: Record<string, unknown>, secrets: readonly string[]): string {
  const parts = [asString(envelope['message']), asString(envelope['explanation'])].filter((part) => part !== undefined);
  return safeText(parts.join(' — '), secrets);
}

function providerSays(answer: HttpAnswer, secrets: readonly string[]): string {
  const body = asRecord(answer.json);
  if (body === undefined) return safeText(plainBody(answer.text), secrets);
  const errors = asRecord(body['errors']);
  const text = [said(body, secrets), errors === undefined ? '' : safeText(JSON.stringify(errors), secrets)].filter((part) => part !== '');
  return text.join(' ');
}
