import type { Delivery } from '../../domain/deliveries/delivery.ts';
import { decideRetry, type RetryPolicy } from '../../domain/deliveries/retry-policy.ts';
import { sendFailure } from '../../domain/deliveries/send-failure.ts';
import { maskPhone } from '../../domain/phone/masking.ts';
import type { Result } from '../../domain/shared/result.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { DeliveryLedger } from '../ports/delivery-ledger.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { MessagingPort, ProviderFailure, SentMessage } from '../ports/messaging.port.ts';

export type DispatchOutcome =
  | { readonly kind: 'sent'; readonly delivery: Delivery }
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'failed'; readonly reason: string }
  /** Not due, already final, or held by another sender: nothing to do. */
  | { readonly kind: 'skipped' };

export interface DispatchDeliveryDeps {
  readonly ledger: DeliveryLedger;
  readonly messaging: MessagingPort;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retryPolicy: RetryPolicy;
  /** How long a sender may hold a delivery before another may take it over. */
  readonly leaseMs: number;
  readonly random: () => number;
}

/**
 * §8: send one delivery. It is claimed before the provider is called and confirmed after, so a
 * crash in between is retried once the lease expires; a failure is retried with backoff or, when
 * permanent or out of attempts, recorded as failed with its reason. Never recorded as sent unless
 * the provider took it.
 */
export class DispatchDelivery {
  readonly #deps: DispatchDeliveryDeps;

  constructor(deps: DispatchDeliveryDeps) {
    this.#deps = deps;
  }

  async execute(deliveryId: string): Promise<DispatchOutcome> {
    const { ledger, clock, logger } = this.#deps;
    const claim = await ledger.claim(deliveryId, clock.now(), this.#deps.leaseMs);
    if (claim === undefined) return { kind: 'skipped' };
    const { delivery } = claim;
    const log = logger.child({ deliveryId, job: delivery.job, recipient: maskPhone(delivery.recipient), attempt: delivery.attempts });

    const result = await this.#send(delivery);
    if (result.ok) {
      await ledger.markSent(claim, result.value, clock.now());
      log.info('delivery sent', { provider: result.value.provider });
      return { kind: 'sent', delivery };
    }

    const failure = result.error;
    const error = `${failure.kind}: ${failure.message}`;
    const decision = decideRetry(this.#deps.retryPolicy, delivery.attempts, failure, this.#deps.random());
    if (decision.retry) {
      await ledger.reschedule(
        claim,
        { provider: failure.provider, error, nextAttemptAt: new Date(clock.now().getTime() + decision.delayMs) },
        clock.now(),
      );
      log.warn('delivery failed, will retry', { provider: failure.provider, error, delayMs: decision.delayMs });
      return { kind: 'retry', delayMs: decision.delayMs };
    }
    await ledger.markFailed(claim, { provider: failure.provider, error }, clock.now());
    log.error('delivery failed', { provider: failure.provider, error });
    return { kind: 'failed', reason: error };
  }

  /** A provider adapter that throws has a bug; the delivery is still retried rather than lost. */
  async #send(delivery: Delivery): Promise<Result<SentMessage, ProviderFailure>> {
    const { messaging } = this.#deps;
    try {
      return await messaging.send({
        deliveryId: delivery.id,
        clientId: delivery.clientId,
        to: delivery.recipient,
        message: delivery.message,
      });
    } catch (error) {
      this.#deps.logger.error('messaging adapter threw instead of returning a failure', { provider: messaging.provider, error });
      return {
        ok: false,
        error: { ...sendFailure('unavailable', 'the provider adapter failed unexpectedly'), provider: messaging.provider },
      };
    }
  }
}
