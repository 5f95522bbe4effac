import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { PerKeyRateLimit } from '../../../src/entrypoints/shared/per-key-rate-limit.ts';

describe('PerKeyRateLimit', () => {
  it('lets a burst of the whole allowance through, refuses the next with when to come back, and refills over the minute', () => {
    let now = 0;
    const limit = new PerKeyRateLimit(60, { now: () => now });
    for (let call = 0; call < 60; call++) expect(limit.take('a').allowed).toBe(true);
    expect(limit.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect(limit.take('a').allowed).toBe(true);
    expect(limit.take('a').allowed).toBe(false);
  });

  it('is off at 0', () => {
    const limit = new PerKeyRateLimit(0);
    for (let call = 0; call < 10_000; call++) expect(limit.take('a').allowed).toBe(true);
  });

  it('keeps memory bounded whatever keys callers make up, forgetting the least recently seen', () => {
    let now = 0;
    const limit = new PerKeyRateLimit(1, { now: () => now, maxKeys: 3 });
    for (const key of ['a', 'b', 'c', 'a', 'd']) limit.take(key);
    now += 1;
    // 'b' was forgotten, so it starts with a full bucket; 'a' was kept and is still empty.
    expect(limit.take('b').allowed).toBe(true);
    expect(limit.take('a').allowed).toBe(false);
  });

  test.prop([
    fc.integer({ min: 1, max: 600 }),
    fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), waitMs: fc.integer({ min: 0, max: 5_000 }) }), { maxLength: 400 }),
  ])('never lets a key through more than its allowance plus what the elapsed time refilled, whatever other keys do', (perMinute, calls) => {
    const timed = calls.map((call, index) => ({
      key: call.key,
      at: calls.slice(0, index + 1).reduce((sum, { waitMs }) => sum + waitMs, 0),
    }));
    const allowedCount = (only: (key: string) => boolean) => {
      let now = 0;
      const limit = new PerKeyRateLimit(perMinute, { now: () => now });
      const allowed = new Map<string, number>();
      for (const call of timed.filter(({ key }) => only(key))) {
        now = call.at;
        if (limit.take(call.key).allowed) allowed.set(call.key, (allowed.get(call.key) ?? 0) + 1);
      }
      return allowed;
    };
    const together = allowedCount(() => true);
    const elapsed = timed.at(-1)?.at ?? 0;
    for (const key of ['a', 'b', 'c']) {
      const count = together.get(key) ?? 0;
      expect(count).toBeLessThanOrEqual(perMinute + Math.floor((elapsed * perMinute) / 60_000));
      expect(count).toBe(allowedCount((other) => other === key).get(key) ?? 0);
    }
  });
});
