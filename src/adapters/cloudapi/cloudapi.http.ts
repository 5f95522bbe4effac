import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { httpCall, type HttpAnswer } from '../http-support/http-call.ts';

export type CloudApiCall = Result<HttpAnswer, SendFailure>;

/** One Graph API call with the bearer token (never in the URL); whatever the network does comes back as a value. */
export async function callCloudApi(
  method: 'GET' | 'POST',
  url: string,
  token: string,
  body: unknown,
  timeoutMs: number,
): Promise<CloudApiCall> {
  const answer = await httpCall({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    timeoutMs,
  });
  // A POST that timed out may still have been accepted (no idempotency key is documented, §2).
  if (answer.kind === 'timeout') return err(sendFailure('timeout', `Cloud API did not answer within ${timeoutMs} ms`));
  if (answer.kind === 'network') return err(sendFailure('unavailable', `Cloud API could not be reached (${answer.code ?? answer.detail})`));
  return ok(answer);
}
