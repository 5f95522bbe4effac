import type { SendFailure } from '../../domain/deliveries/send-failure.ts';
import { httpCall, type HttpAnswer } from '../http-support/http-call.ts';
import { noAnswerFailure } from '../http-support/no-answer.ts';

export type BotmakerCall = { readonly ok: true; readonly answer: HttpAnswer } | { readonly ok: false; readonly failure: SendFailure };

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
  if (answer.kind !== 'answer') return { ok: false, failure: noAnswerFailure('Botmaker', answer, timeoutMs, [accessToken]) };
  return { ok: true, answer };
}
