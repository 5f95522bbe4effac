import type { SendFailure } from './send-failure.ts';

/**
 * Failures that say the provider itself cannot send now (its session not ready, its circuit open,
 * connection refused, 5xx, no answer), not that this message was refused. They spend no attempt:
 * the delivery waits for the provider instead (issue 10 §1).
 */
export function isProviderOutage(failure: Pick<SendFailure, 'kind'>): boolean {
  return failure.kind === 'unavailable' || failure.kind === 'not_ready' || failure.kind === 'timeout';
}
