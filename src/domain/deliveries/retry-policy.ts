import type { SendFailure } from './send-failure.ts';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export type RetryDecision = { readonly retry: true; readonly delayMs: number } | { readonly retry: false };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of many
 * deliveries that failed together spread out instead of hitting the provider at once. A provider's
 * Retry-After is a floor, never shortened.
 *
 * @param attempts how many sends have been tried, the failed one included
 * @param random a number in [0, 1)
 */
export function decideRetry(policy: RetryPolicy, attempts: number, failure: SendFailure, random: number): RetryDecision {
  if (!failure.retryable || attempts >= policy.maxAttempts) return { retry: false };
  return { retry: true, delayMs: backoffMs(policy, attempts, failure, random) };
}

/**
 * A rate limit (throughput, the pair rate, a paused template) says the provider wants us to slow down,
 * nothing about the message: it never spends an attempt and never fails a delivery (issue 13 §1). Only
 * the delivery's age can end its wait.
 */
export function isRateLimit(failure: Pick<SendFailure, 'kind'>): boolean {
  return failure.kind === 'rate_limited';
}

/**
 * How long a rate-limited delivery waits: the provider's Retry-After, or the backoff of its attempt when
 * that is longer. However many attempts were spent, the wait has no end but the delivery's age.
 *
 * @param attempts as for {@link decideRetry}, the rate-limited one included
 */
export function rateLimitWaitMs(policy: RetryPolicy, attempts: number, failure: SendFailure, random: number): number {
  return backoffMs(policy, attempts, failure, random);
}

function backoffMs(policy: RetryPolicy, attempts: number, failure: SendFailure, random: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + (exponential / 2) * random;
  // A Retry-After that could not be read (NaN, negative) must not turn the next attempt time into NaN.
  const retryAfter = failure.retryAfterMs !== undefined && Number.isFinite(failure.retryAfterMs) ? failure.retryAfterMs : 0;
  return Math.round(Math.max(jittered, retryAfter));
}
