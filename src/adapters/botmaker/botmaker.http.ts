import type { SendFailure } from '../../domain/deliveries/send-failure.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { httpCall, type HttpAnswer } from '../http-support/http-call.ts';
import { noAnswerFailure } from '../http-support/no-answer.ts';

export type BotmakerCall = Result<HttpAnswer, SendFailure>;

/**
 * One call to the Botmaker API: the token goes in the `access-token` header (docs/contracts/providers/botmaker.md §1), never in
 * the URL. Redirects are not followed. Whatever the network does comes back as a classified failure.
 */
export async function callBotmaker(
  method: 'GET' | 'POST',
  url: string,
  accessToken: string,
  body: unknown,
  timeoutMs: number,
): Promise<BotmakerCall> {
  const answer = await httpCall({
    method,
    url,
    headers: {
      'access-token': accessToken,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    timeoutMs,
  });
  if (answer.kind !== 'answer') return err(noAnswerFailure('Botmaker', answer, timeoutMs, [accessToken]));
  return ok(answer);
}
