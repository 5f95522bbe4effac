import type { Clock } from '../../src/application/ports/clock.port.ts';
import type { DeliveryLedger } from '../../src/application/ports/delivery-ledger.port.ts';
import type { Logger } from '../../src/application/ports/logger.port.ts';
import type { OperatorEvent } from '../../src/application/ports/operator-alerts.port.ts';
import { ProviderOutages } from '../../src/application/services/provider-outages.ts';
import { DEFAULT_MAX_AGE_HOURS } from '../../src/domain/deliveries/freshness.ts';

/** What DispatchDelivery needs beyond its ports for issue 10, as the composition root builds it; raised events are kept. */
export function outageDeps(deps: { ledger: DeliveryLedger; clock: Clock; logger: Logger; firstProbeMs?: number; maxProbeMs?: number }) {
  const raised: OperatorEvent[] = [];
  const alerts = { raise: (event: OperatorEvent) => void raised.push(event) };
  const outages = new ProviderOutages({
    ledger: deps.ledger,
    dispatchQueue: { publish: async () => undefined },
    alerts,
    clock: deps.clock,
    logger: deps.logger,
    firstProbeMs: deps.firstProbeMs ?? 1_000,
    maxProbeMs: deps.maxProbeMs ?? 10_000,
    threshold: 3,
    probeHoldMs: 30_000,
    random: () => 0.5,
  });
  return { outages, alerts, maxAgeHours: DEFAULT_MAX_AGE_HOURS, raised };
}
