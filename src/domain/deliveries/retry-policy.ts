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
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + (exponential / 2) * random;
  // A Retry-After that could not be read (NaN, negative) must not turn the next attempt time into NaN.
  const retryAfter = failure.retryAfterMs !== undefined && Number.isFinite(failure.retryAfterMs) ? failure.retryAfterMs : 0;
  return { retry: true, delayMs: Math.round(Math.max(jittered, retryAfter)) };
}
