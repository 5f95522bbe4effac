import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitPermit } from '../../../src/application/services/circuit-breaker.ts';

const FAILURES_TO_OPEN = 3;
const HALF_OPEN_AFTER_MS = 1_000;

/** One thing that happens to the breaker: a call answered at once, a call left under way, its late answer, time passing. */
type Step =
  | { readonly kind: 'call'; readonly failed: boolean }
  | { readonly kind: 'start' }
  | { readonly kind: 'answer'; readonly failed: boolean }
  | { readonly kind: 'advance'; readonly ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.boolean().map((failed) => ({ kind: 'call' as const, failed })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'start' as const }) },
  { weight: 2, arbitrary: fc.boolean().map((failed) => ({ kind: 'answer' as const, failed })) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(fc.constantFrom(HALF_OPEN_AFTER_MS - 1, HALF_OPEN_AFTER_MS), fc.integer({ min: 0, max: 1_500 }))
      .map((ms) => ({ kind: 'advance' as const, ms })),
  },
);

function observedBreaker(failuresToOpen = FAILURES_TO_OPEN) {
  let now = 0;
  const events: string[] = [];
  const breaker = new CircuitBreaker({
    failuresToOpen,
    halfOpenAfterMs: HALF_OPEN_AFTER_MS,
    now: () => now,
    onOpen: () => events.push('open'),
    onHalfOpen: () => events.push('half-open'),
    onClose: () => events.push('close'),
  });
  return {
    breaker,
    events,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('CircuitBreaker', () => {
  it('opens after as many failures in a row as it is told, refuses calls for a while, then lets one trial through', () => {
    const { breaker, events, advance } = observedBreaker();
    for (let failure = 0; failure < FAILURES_TO_OPEN; failure++) breaker.record(breaker.permit(), true);
    expect(events).toEqual(['open']);
    expect(breaker.permit()).toBe('refused');
    advance(HALF_OPEN_AFTER_MS - 1);
    expect(breaker.permit()).toBe('refused');
    advance(1);
    expect(breaker.permit()).toBe('trial');
    expect(breaker.permit()).toBe('refused');
    breaker.record('trial', false);
    expect(events).toEqual(['open', 'half-open', 'close']);
    expect(breaker.permit()).toBe('closed');
  });

  it('opens again at once when the trial fails, for another whole pause', () => {
    const { breaker, events, advance } = observedBreaker(1);
    breaker.record(breaker.permit(), true);
    advance(HALF_OPEN_AFTER_MS);
    breaker.record(breaker.permit(), true);
    expect(events).toEqual(['open', 'half-open', 'open']);
    advance(HALF_OPEN_AFTER_MS - 1);
    expect(breaker.permit()).toBe('refused');
  });

  test.prop([fc.array(step, { maxLength: 60 }), fc.integer({ min: 1, max: 4 })], { numRuns: 1_000 })(
    'whatever happens: opens exactly after N failures in a row answered while closed, never lets a call through while open, one trial at a time when half open',
    (steps, failuresToOpen) => {
      const { breaker, events, now, advance } = observedBreaker(failuresToOpen);
      const underWay: CircuitPermit[] = [];
      let inARow = 0;
      let openedAt = 0;
      let trialUnderWay = false;

      const permit = (): CircuitPermit => {
        const stateBefore = breaker.state;
        const given = breaker.permit();
        if (stateBefore === 'closed') expect(given).toBe('closed');
        if (stateBefore === 'half-open') expect(given).toBe('refused');
        if (stateBefore === 'open') expect(given).toBe(now() - openedAt < HALF_OPEN_AFTER_MS ? 'refused' : 'trial');
        if (given === 'trial') trialUnderWay = true;
        return given;
      };
      const record = (given: CircuitPermit, failed: boolean): void => {
        if (given === 'refused') return;
        const stateBefore = breaker.state;
        breaker.record(given, failed);
        if (given === 'trial') {
          trialUnderWay = false;
          expect(breaker.state).toBe(failed ? 'open' : 'closed');
          inARow = 0;
        } else if (stateBefore === 'closed') {
          inARow = failed ? inARow + 1 : 0;
          expect(breaker.state).toBe(inARow === failuresToOpen ? 'open' : 'closed');
          if (inARow === failuresToOpen) inARow = 0;
        } else {
          // A late answer to a call let through while closed changes nothing once the circuit has opened.
          expect(breaker.state).toBe(stateBefore);
        }
        if (breaker.state === 'open' && stateBefore !== 'open') openedAt = now();
      };

      for (const next of steps) {
        if (next.kind === 'advance') advance(next.ms);
        else if (next.kind === 'call') record(permit(), next.failed);
        else if (next.kind === 'start') {
          const given = permit();
          if (given !== 'refused') underWay.push(given);
        } else {
          const given = underWay.shift();
          if (given !== undefined) record(given, next.failed);
        }
        expect(breaker.state === 'half-open').toBe(trialUnderWay);
      }
      // Every change of state was told, in order, and only a real change.
      const expectedNext: Record<string, readonly string[]> = { open: ['half-open'], 'half-open': ['open', 'close'], close: ['open'] };
      events.forEach((event, index) => {
        if (index === 0) expect(event).toBe('open');
        else expect(expectedNext[events[index - 1]!]).toContain(event);
      });
    },
  );
});
