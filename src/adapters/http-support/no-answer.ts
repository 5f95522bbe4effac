import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';
import type { HttpNoAnswer } from './http-call.ts';
import { safeText } from './safe-text.ts';

/**
 * The failure of a provider call that got no answer: `timeout` when the wait ran out (the provider may
 * have taken the message; lost-answer.ts tells the cases apart), `unavailable` when the connection failed.
 * Both may pass. The network's own words are redacted, since an error can quote what was sent.
 */
export function noAnswerFailure(provider: string, noAnswer: HttpNoAnswer, timeoutMs: number, secrets: readonly string[]): SendFailure {
  return noAnswer.kind === 'timeout'
    ? sendFailure('timeout', `${provider} did not answer within ${timeoutMs} ms`)
    : sendFailure('unavailable', `could not reach ${provider}: ${safeText(noAnswer.detail, secrets)}`);
}
