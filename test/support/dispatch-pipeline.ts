import { InProcessDispatchSignal } from '../../src/adapters/in-process/dispatch-signal.adapter.ts';
import { openDatabase } from '../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteDeliveryLedger } from '../../src/adapters/sqlite/sqlite.delivery-ledger.adapter.ts';
import type { MessagingPort } from '../../src/application/ports/messaging.port.ts';
import { DispatchDelivery } from '../../src/application/use-cases/dispatch-delivery.use-case.ts';
import { LedgerDispatcher } from '../../src/entrypoints/background/ledger-dispatcher.ts';
import type { FakeClock } from './fake-clock.ts';
import { outageDeps } from './outage-deps.ts';
import type { MemoryLogger } from './silent-logger.ts';

/** The server's sending pipeline in memory: an embedded ledger and its dispatcher, in front of `messaging`. */
export function dispatchPipeline(options: {
  readonly messaging: MessagingPort;
  readonly clock: FakeClock;
  readonly logger: MemoryLogger;
  readonly maxAttempts?: number;
  readonly concurrency?: number;
  /** How often the dispatcher looks at the ledger without being told of new work. */
  readonly pollMs?: number;
}) {
  const { messaging, clock, logger } = options;
  const ledger = new SqliteDeliveryLedger(openDatabase(':memory:'));
  const dispatch = new DispatchDelivery({
    ledger,
    messaging,
    push: null,
    clock,
    logger,
    retryPolicy: { maxAttempts: options.maxAttempts ?? 3, baseDelayMs: 1_000, maxDelayMs: 10_000 },
    leaseMs: 30_000,
    random: () => 0.5,
    ...outageDeps({ ledger, clock, logger }),
  });
  // What the intake publishes to wake the dispatcher, as in the server.
  const signal = new InProcessDispatchSignal();
  const dispatcher = new LedgerDispatcher({
    ledger,
    dispatch,
    signal,
    clock,
    logger,
    concurrency: options.concurrency ?? 2,
    pollMs: options.pollMs ?? 10,
  });
  return { ledger, dispatcher, signal };
}
