import type { Clock } from '../../application/ports/clock.port.ts';
import type { DeliveryLedger } from '../../application/ports/delivery-ledger.port.ts';
import type { DispatchDelivery } from '../../application/use-cases/dispatch-delivery.use-case.ts';
import { FINAL_STATUSES } from '../../domain/deliveries/delivery.ts';
import { readDispatchMessage } from '../contracts/dispatch-message.plain.ts';
import type { InboundHandler } from './inbound-queue-handlers.ts';

/** A delivery another sender holds is looked at again after this long (its lease may expire meanwhile). */
const HELD_RETRY_MS = 30_000;
const MIN_RETRY_MS = 1_000;

/**
 * The dispatch queue's messages (SQS in AWS): each names a delivery the ledger holds. The message is
 * deleted only once the delivery is final; a retry comes back when the dispatcher said, and a delivery
 * that is not due yet, or held by another sender, comes back later rather than being dropped.
 */
export function dispatchQueueHandler(deps: { dispatch: DispatchDelivery; ledger: DeliveryLedger; clock: Clock }): InboundHandler {
  return async (body) => {
    const deliveryId = await readDispatchMessage(body);
    if (!deliveryId.ok) return { kind: 'invalid', reason: deliveryId.error };
    const outcome = await deps.dispatch.execute(deliveryId.value);
    if (outcome.kind === 'retry') return { kind: 'retry', reason: 'the provider did not take it yet', delayMs: outcome.delayMs };
    if (outcome.kind !== 'skipped') return { kind: 'done' };
    const delivery = await deps.ledger.get(deliveryId.value);
    if (delivery === undefined || FINAL_STATUSES.includes(delivery.status)) return { kind: 'done' };
    const untilDue = delivery.status === 'queued' ? delivery.nextAttemptAt.getTime() - deps.clock.now().getTime() : HELD_RETRY_MS;
    return { kind: 'retry', reason: `delivery is ${delivery.status}`, delayMs: Math.max(MIN_RETRY_MS, untilDue) };
  };
}
