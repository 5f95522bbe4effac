import { fc } from '@fast-check/vitest';
import { expect, it } from 'vitest';
import type { DeliveryLedger, RecordOutcome } from '../../src/application/ports/delivery-ledger.port.ts';
import { deliveryIdOf, type DeliveryRequest } from '../../src/domain/deliveries/delivery.ts';
import type { OutgoingMessage } from '../../src/domain/deliveries/message.ts';
import { deliveryRequest } from '../support/deliveries.ts';

type Ledgers = { ledger: DeliveryLedger; second: DeliveryLedger };
type WithLedger = (test: (ledgers: Ledgers) => Promise<void>) => () => Promise<void>;

const T0 = new Date('2026-11-23T14:00:00Z');
const LEASE = 60_000;

/** A request no ledger can store: its message cannot be serialized. */
function unstorable(event: number, recipient: number): DeliveryRequest {
  const request = deliveryRequest(event, recipient);
  const message: Record<string, unknown> = { ...request.message };
  message['self'] = message;
  return { ...request, message: message as unknown as OutgoingMessage };
}

/** Lets the current event-loop turn end, so that what follows is asked for in a later one. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Many callers at once, as concurrent webhook calls and a dispatcher's claims are: a ledger that
 * groups their writes (group commit) must answer each as if it had been alone.
 */
export function concurrencyCases(withLedger: WithLedger): void {
  it(
    'counts each delivery as queued exactly once when many callers record overlapping requests at once',
    withLedger(async ({ ledger, second }) => {
      const callers = Array.from({ length: 24 }, (_, caller) =>
        [0, 1, 2].map((offset) => deliveryRequest(((caller + offset) % 10) + 1, (caller % 3) + 1)),
      );
      const outcomes = await Promise.all(callers.map((requests, index) => (index % 4 === 3 ? second : ledger).record(requests, T0)));
      const distinct = new Set(callers.flat().map((request) => deliveryIdOf(request)));
      const created = outcomes.flatMap((outcome) => outcome.created.map((delivery) => delivery.id));
      expect(new Set(created).size).toBe(created.length);
      expect(new Set(created)).toEqual(distinct);
      outcomes.forEach((outcome, index) => expect(outcome.created.length + outcome.existing.length).toBe(callers[index]!.length));
      expect(await ledger.list({ limit: 1_000 })).toHaveLength(distinct.size);
    }),
  );

  it(
    'fails only the caller whose request cannot be recorded: its deliveries are absent, the others recorded',
    withLedger(async ({ ledger }) => {
      const own = deliveryRequest(30, 1);
      const shared = deliveryRequest(31, 1);
      const [before, failing, after] = await Promise.allSettled([
        ledger.record([deliveryRequest(1, 1), shared], T0),
        ledger.record([own, unstorable(32, 1)], T0),
        ledger.record([shared, deliveryRequest(2, 1)], T0),
      ]);
      expect(failing.status).toBe('rejected');
      expect(before).toMatchObject({ status: 'fulfilled', value: { created: [{ eventKey: 'e1' }, { eventKey: 'e31' }], existing: [] } });
      expect(after).toMatchObject({ status: 'fulfilled', value: { created: [{ eventKey: 'e2' }], existing: [{ eventKey: 'e31' }] } });
      expect(await ledger.get(deliveryIdOf(own))).toBeUndefined();
      expect(await ledger.history(deliveryIdOf(own))).toEqual([]);
      expect((await ledger.list({ limit: 100 })).map((delivery) => delivery.eventKey).sort()).toEqual(['e1', 'e2', 'e31']);
      // The failed caller can try again: nothing of its first try is in the way.
      expect((await ledger.record([own], T0)).created).toHaveLength(1);
    }),
  );

  it(
    'hands each delivery to exactly one of many claims racing for it, from one process and another',
    withLedger(async ({ ledger, second }) => {
      const { created } = await ledger.record(
        [1, 2, 3].map((event) => deliveryRequest(event, 1)),
        T0,
      );
      const claims = await Promise.all(
        created.flatMap((delivery) =>
          Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? ledger : second).claim(delivery.id, T0, LEASE)),
        ),
      );
      const winners = claims.filter((claim) => claim !== undefined);
      expect(winners.map((claim) => claim.delivery.id).sort()).toEqual(created.map((delivery) => delivery.id).sort());
      for (const winner of winners) expect(await ledger.get(winner.delivery.id)).toMatchObject({ status: 'sending', attempts: 1 });
      // Confirmations asked for together land together, each on its own delivery.
      await Promise.all(
        winners.map((claim, index) =>
          ledger.markSent(claim, { provider: 'outbox', providerMessageId: `p-${index}` }, new Date(T0.getTime() + 1)),
        ),
      );
      expect((await ledger.list({ status: 'sent', limit: 10 })).map((delivery) => delivery.id).sort()).toEqual(
        created.map((delivery) => delivery.id).sort(),
      );
    }),
  );

  const caller = fc.record({
    onSecond: fc.boolean(),
    turn: fc.integer({ min: 0, max: 2 }),
    requests: fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 5 }),
    fails: fc.boolean(),
  });

  it('records exactly the requests of the callers that succeeded, each created once, however their calls interleave', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caller, { minLength: 1, maxLength: 12 }), async (callers) => {
        await withLedger(async ({ ledger, second }) => {
          const requestsOf = callers.map((spec) => spec.requests.map(([event, recipient]) => deliveryRequest(event, recipient)));
          const calls: Promise<RecordOutcome>[] = [];
          for (let turn = 0; turn <= 2; turn++) {
            callers.forEach((spec, index) => {
              if (spec.turn !== turn) return;
              const requests = spec.fails ? [...requestsOf[index]!, unstorable(99, index)] : requestsOf[index]!;
              const call = (spec.onSecond ? second : ledger).record(requests, T0);
              // Settled only after the last turn: a rejection must not count as unhandled in between.
              call.catch(() => undefined);
              calls.push(call);
            });
            await nextTurn();
          }
          const order = [0, 1, 2].flatMap((turn) => callers.flatMap((spec, index) => (spec.turn === turn ? [index] : [])));
          const settled = await Promise.allSettled(calls);
          const succeeded = order.filter((_, position) => settled[position]!.status === 'fulfilled');
          expect(new Set(succeeded)).toEqual(new Set(order.filter((index) => !callers[index]!.fails)));

          const expected = new Set(succeeded.flatMap((index) => requestsOf[index]!.map((request) => deliveryIdOf(request))));
          const created = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value.created.map((d) => d.id) : []));
          expect(created.length).toBe(new Set(created).size);
          expect(new Set(created)).toEqual(expected);
          settled.forEach((outcome, position) => {
            if (outcome.status === 'fulfilled') {
              expect(outcome.value.created.length + outcome.value.existing.length).toBe(requestsOf[order[position]!]!.length);
            }
          });
          expect(new Set((await ledger.list({ limit: 1_000 })).map((delivery) => delivery.id))).toEqual(expected);
        })();
      }),
      { numRuns: 25 },
    );
  }, 120_000);
}
