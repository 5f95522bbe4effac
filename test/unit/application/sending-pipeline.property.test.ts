import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { openDatabase } from '../../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteDeliveryLedger } from '../../../src/adapters/sqlite/sqlite.delivery-ledger.adapter.ts';
import { DeliveryIntake } from '../../../src/application/services/delivery-intake.ts';
import { DispatchDelivery } from '../../../src/application/use-cases/dispatch-delivery.use-case.ts';
import { FINAL_STATUSES, deliveryIdOf } from '../../../src/domain/deliveries/delivery.ts';
import { deliveryRequest } from '../../support/deliveries.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { SCRIPTED_RETRY_AFTER_MS, ScriptedMessaging, type ScriptedOutcome } from '../../support/scripted-messaging.ts';
import { MemoryLogger } from '../../support/silent-logger.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { outageDeps } from '../../support/outage-deps.ts';

const tempDir = useTempDirs();
const MAX_ATTEMPTS = 4;
const noDispatchQueue = { publish: async () => undefined };

/** Two "processes" (ledgers on the same database file), each with its intake and dispatcher, sharing one provider. */
function pipeline(script: readonly ScriptedOutcome[]) {
  const path = join(tempDir(), 'ledger.db');
  const clock = new FakeClock();
  const provider = new ScriptedMessaging(script, 'scripted', clock);
  const logger = new MemoryLogger();
  const processes = [openDatabase(path), openDatabase(path)].map((db) => {
    const ledger = new SqliteDeliveryLedger(db);
    return {
      db,
      ledger,
      intake: new DeliveryIntake({ ledger, dispatchQueue: noDispatchQueue, clock }),
      dispatch: new DispatchDelivery({
        ledger,
        messaging: provider,
        push: null,
        clock,
        logger,
        retryPolicy: { maxAttempts: MAX_ATTEMPTS, baseDelayMs: 1_000, maxDelayMs: 60_000 },
        leaseMs: 30_000,
        random: () => 0.5,
        ...outageDeps({ ledger, clock, logger, maxProbeMs: 60_000 }),
      }),
    };
  });
  return { clock, provider, processes, close: () => processes.forEach(({ db }) => db.close()) };
}

const batches = fc.array(
  fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 6 }),
  {
    minLength: 1,
    maxLength: 6,
  },
);
const script = fc.array(fc.constantFrom<ScriptedOutcome>('ok', 'retryable', 'rate-limited', 'permanent', 'throws'), { maxLength: 40 });

describe('the sending pipeline (intake, ledger, dispatcher)', () => {
  test.prop([batches, script], { numRuns: 60 })(
    'sends each event to each recipient at most once, never records a failure as sent, and retries what can be retried, outages and rate limits without spending attempts',
    async (inputBatches, outcomes) => {
      const { clock, provider, processes, close } = pipeline(outcomes);
      try {
        // Repeated and concurrent inputs: every batch goes to both processes at once.
        const intakes = await Promise.all(
          inputBatches.flatMap((batch) =>
            processes.map(({ intake }) => intake.submit(batch.map(([event, recipient]) => deliveryRequest(event, recipient)))),
          ),
        );
        const requested = new Set(inputBatches.flat().map(([event, recipient]) => deliveryIdOf(deliveryRequest(event, recipient))));
        expect(intakes.reduce((sum, outcome) => sum + outcome.queued, 0)).toBe(requested.size);

        // Both dispatchers race for every due delivery until nothing is left to send.
        for (let round = 0; round < 100; round++) {
          const due = await processes[0]!.ledger.due(clock.now(), 1_000);
          if (due.length === 0) {
            const pending = (await processes[0]!.ledger.list({ limit: 1_000 })).filter((d) => !FINAL_STATUSES.includes(d.status));
            if (pending.length === 0) break;
            clock.advance(60_000);
            continue;
          }
          await Promise.all(due.flatMap(({ id }) => processes.map(({ dispatch }) => dispatch.execute(id))));
        }

        const deliveries = await processes[1]!.ledger.list({ limit: 1_000 });
        expect(new Set(deliveries.map((d) => d.id))).toEqual(requested);
        for (const delivery of deliveries) {
          const accepted = provider.acceptedFor(delivery.id);
          const calls = provider.calls.filter((call) => call.message.deliveryId === delivery.id);
          expect(['sent', 'failed']).toContain(delivery.status);
          expect(accepted).toBeLessThanOrEqual(1);
          expect(delivery.status === 'sent').toBe(accepted === 1);
          // Issue 10 §1 and issue 13 §1: an outage (503) and a rate limit (429) give their attempt back; attempts
          // count only the sends that reached a working provider and failed (or succeeded) for that message.
          expect(delivery.attempts).toBe(calls.filter((call) => call.outcome !== 'retryable' && call.outcome !== 'rate-limited').length);
          // A rate-limited delivery is not sent again before the provider's Retry-After.
          calls.forEach((call, index) => {
            const next = calls[index + 1];
            if (call.outcome === 'rate-limited' && next !== undefined) {
              expect(next.at!.getTime() - call.at!.getTime()).toBeGreaterThanOrEqual(SCRIPTED_RETRY_AFTER_MS);
            }
          });
          if (delivery.status === 'failed') {
            expect(delivery.lastError).not.toBeNull();
            const permanent = calls.some((call) => call.outcome === 'permanent');
            expect(permanent || delivery.attempts === MAX_ATTEMPTS).toBe(true);
          }
          if (calls[0] !== undefined && calls[0].outcome !== 'ok' && calls[0].outcome !== 'permanent') {
            expect(calls.length).toBeGreaterThan(1);
          }
        }
      } finally {
        close();
      }
    },
  );
});
