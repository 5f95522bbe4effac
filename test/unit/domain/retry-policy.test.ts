import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { decideRetry, isRateLimit, rateLimitWaitMs, type RetryPolicy } from '../../../src/domain/deliveries/retry-policy.ts';
import { sendFailure, type SendFailureKind } from '../../../src/domain/deliveries/send-failure.ts';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };
const RETRYABLE: SendFailureKind[] = ['rate_limited', 'unavailable', 'not_ready', 'timeout'];
const PERMANENT: SendFailureKind[] = ['invalid_recipient', 'template_rejected', 'unauthorized', 'rejected'];

const policies = fc
  .record({
    maxAttempts: fc.integer({ min: 1, max: 20 }),
    baseDelayMs: fc.integer({ min: 1, max: 100_000 }),
    maxDelayMs: fc.integer({ min: 1, max: 10_000_000 }),
  })
  .filter((p) => p.baseDelayMs <= p.maxDelayMs);
const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('sendFailure', () => {
  it('classifies rate limits, outages, timeouts and sessions not ready as retryable, the rest as permanent', () => {
    for (const kind of RETRYABLE) expect(sendFailure(kind, 'x').retryable).toBe(true);
    for (const kind of PERMANENT) expect(sendFailure(kind, 'x').retryable).toBe(false);
  });

  it('keeps Retry-After only when given', () => {
    expect(sendFailure('rate_limited', 'slow down', 30_000)).toEqual({
      kind: 'rate_limited',
      retryable: true,
      message: 'slow down',
      retryAfterMs: 30_000,
    });
    expect(sendFailure('timeout', 't')).not.toHaveProperty('retryAfterMs');
  });
});

describe('decideRetry', () => {
  it('doubles the delay from the base, half of it jittered', () => {
    const failure = sendFailure('unavailable', '503');
    expect(decideRetry(policy, 1, failure, 0)).toEqual({ retry: true, delayMs: 500 });
    expect(decideRetry(policy, 1, failure, 0.999999)).toEqual({ retry: true, delayMs: 1_000 });
    expect(decideRetry(policy, 3, failure, 0.5)).toEqual({ retry: true, delayMs: 3_000 });
  });

  it('stops at maxAttempts', () => {
    expect(decideRetry(policy, 4, sendFailure('timeout', 't'), 0.5).retry).toBe(true);
    expect(decideRetry(policy, 5, sendFailure('timeout', 't'), 0.5)).toEqual({ retry: false });
  });

  it('waits at least as long as the provider asked', () => {
    expect(decideRetry(policy, 1, sendFailure('rate_limited', '429', 120_000), 0.5)).toEqual({ retry: true, delayMs: 120_000 });
  });

  it.each([Number.NaN, -5, Number.POSITIVE_INFINITY])('ignores an unreadable Retry-After (%s)', (retryAfterMs) => {
    const decision = decideRetry(policy, 1, sendFailure('rate_limited', '429', retryAfterMs), 0);
    expect(decision).toEqual({ retry: true, delayMs: 500 });
  });

  test.prop([policies, fc.integer({ min: 0, max: 30 }), fc.constantFrom(...PERMANENT), random])(
    'never retries a permanent failure',
    (p, attempts, kind, r) => {
      expect(decideRetry(p, attempts, sendFailure(kind, 'x'), r)).toEqual({ retry: false });
    },
  );

  test.prop([policies, fc.integer({ min: 0, max: 40 }), fc.constantFrom(...RETRYABLE), random])(
    'retries a retryable failure exactly while attempts remain',
    (p, attempts, kind, r) => {
      expect(decideRetry(p, attempts, sendFailure(kind, 'x'), r).retry).toBe(attempts < p.maxAttempts);
    },
  );

  test.prop([policies, fc.integer({ min: 1, max: 60 }), random])('grows with each attempt and never exceeds the cap', (p, attempts, r) => {
    const unlimited = { ...p, maxAttempts: 1_000 };
    const now = decideRetry(unlimited, attempts, sendFailure('unavailable', 'x'), r);
    const next = decideRetry(unlimited, attempts + 1, sendFailure('unavailable', 'x'), r);
    if (!now.retry || !next.retry) throw new Error('expected retries');
    expect(next.delayMs).toBeGreaterThanOrEqual(now.delayMs);
    expect(now.delayMs).toBeLessThanOrEqual(p.maxDelayMs);
    expect(now.delayMs).toBeGreaterThanOrEqual(Math.floor(Math.min(p.maxDelayMs, p.baseDelayMs) / 2));
    expect(Number.isInteger(now.delayMs)).toBe(true);
  });

  test.prop([policies, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 100_000_000 }), random])(
    'treats Retry-After as a floor',
    (p, attempts, retryAfterMs, r) => {
      const decision = decideRetry({ ...p, maxAttempts: 1_000 }, attempts, sendFailure('rate_limited', '429', retryAfterMs), r);
      const withoutHint = decideRetry({ ...p, maxAttempts: 1_000 }, attempts, sendFailure('rate_limited', '429'), r);
      if (!decision.retry || !withoutHint.retry) throw new Error('expected retries');
      expect(decision.delayMs).toBeGreaterThanOrEqual(retryAfterMs);
      expect(decision.delayMs).toBe(Math.max(withoutHint.delayMs, retryAfterMs));
    },
  );
});

describe('rateLimitWaitMs (issue 13 §1)', () => {
  test.prop([policies, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 100_000_000 }), random])(
    'waits however many attempts were spent, at least the Retry-After, otherwise the backoff of the attempt',
    (p, attempts, retryAfterMs, r) => {
      const limited = sendFailure('rate_limited', '429', retryAfterMs);
      expect(isRateLimit(limited)).toBe(true);
      const waitMs = rateLimitWaitMs(p, attempts, limited, r);
      expect(waitMs).toBeGreaterThanOrEqual(retryAfterMs);
      const backoff = decideRetry({ ...p, maxAttempts: attempts + 1 }, attempts, sendFailure('rate_limited', '429'), r);
      if (!backoff.retry) throw new Error('expected a retry');
      expect(waitMs).toBe(Math.max(backoff.delayMs, retryAfterMs));
    },
  );

  it('counts only rate limits as such, never an outage or a refusal', () => {
    for (const kind of [...RETRYABLE, ...PERMANENT].filter((kind) => kind !== 'rate_limited')) {
      expect(isRateLimit(sendFailure(kind, 'x'))).toBe(false);
    }
  });
});
