import type { SendFailure } from '../../domain/deliveries/send-failure.ts';
import { err, type Result } from '../../domain/shared/result.ts';
import { httpCall, type HttpAnswer, type HttpCall } from './http-call.ts';
import { noAnswerFailure } from './no-answer.ts';

/** A send the provider took, with its message id when it gives one; or why it did not. */
export type ProviderCallOutcome = Result<string | null, SendFailure>;

/**
 * One send to a provider: the call, then either its answer as the provider's own rules read it
 * (`classify`), or the failure of a call without an answer, with `secrets` redacted. A `then` rather than
 * an async function: `httpCall` never rejects, and a suspended frame per send in flight is what a fan-out's
 * memory grows with (bench/notes/fanout.md, "Peak RSS").
 */
export function providerCall(
  provider: string,
  call: HttpCall,
  secrets: readonly string[],
  classify: (answer: HttpAnswer) => ProviderCallOutcome,
): Promise<ProviderCallOutcome> {
  return httpCall(call).then((answer) =>
    answer.kind === 'answer' ? classify(answer) : err(noAnswerFailure(provider, answer, call.timeoutMs, secrets)),
  );
}
