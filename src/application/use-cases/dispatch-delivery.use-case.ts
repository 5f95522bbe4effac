import type { Delivery } from '../../domain/deliveries/delivery.ts';
import { maskRecipient } from '../../domain/deliveries/recipient-masking.ts';
import { decideRetry, type RetryPolicy } from '../../domain/deliveries/retry-policy.ts';
import { sendFailure } from '../../domain/deliveries/send-failure.ts';
import type { PhoneNumber } from '../../domain/phone/phone-number.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { Claim, DeliveryLedger } from '../ports/delivery-ledger.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { MessagingPort, ProviderMessage, SendResult } from '../ports/messaging.port.ts';
import type { PushPort } from '../ports/push.port.ts';
import type { SuppressionList } from '../ports/suppression-list.port.ts';

export type DispatchOutcome =
  | { readonly kind: 'sent'; readonly delivery: Delivery; readonly provider: string }
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'failed'; readonly reason: string }
  /** The recipient asked to receive nothing (BAJA): recorded `suppressed`, never sent. */
  | { readonly kind: 'suppressed' }
  /** Not due, already final, or held by another sender: nothing to do. */
  | { readonly kind: 'skipped' };

export interface DispatchDeliveryDeps {
  readonly ledger: DeliveryLedger;
  readonly messaging: MessagingPort;
  /** Null when push notifications are not configured. */
  readonly push: PushPort | null;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retryPolicy: RetryPolicy;
  /** How long a sender may hold a delivery before another may take it over. */
  readonly leaseMs: number;
  readonly random: () => number;
  /** Numbers that asked to receive nothing; every job skips them. */
  readonly suppressions?: SuppressionList;
}

/**
 * §8: send deliveries. Each is claimed right before the provider is called and confirmed after, so a
 * crash in between is retried once the lease expires; a failure is retried with backoff or, when
 * permanent or out of attempts, recorded as failed with its reason. Never recorded as sent unless the
 * provider took it.
 */
export class DispatchDelivery {
  readonly #deps: DispatchDeliveryDeps;

  constructor(deps: DispatchDeliveryDeps) {
    this.#deps = deps;
  }

  /** Whether {@link executeBatch} can hand several WhatsApp messages to the provider in one call. */
  get batches(): boolean {
    return this.#deps.messaging.sendMany !== undefined;
  }

  async execute(deliveryId: string): Promise<DispatchOutcome> {
    const claim = await this.#claim(deliveryId);
    if (claim === undefined) return { kind: 'skipped' };
    if (await this.#suppressed(claim)) return { kind: 'suppressed' };
    return this.#settle(claim, await this.#send(claim.delivery));
  }

  /**
   * Sends several WhatsApp deliveries of the same event in one provider call where the provider
   * supports it (a campaign), settling each on its own result.
   */
  async executeBatch(deliveryIds: readonly string[]): Promise<DispatchOutcome[]> {
    const claimed = (await Promise.all(deliveryIds.map((id) => this.#claim(id)))).filter((claim): claim is Claim => claim !== undefined);
    const suppressed = await Promise.all(claimed.map((claim) => this.#suppressed(claim)));
    const claims = claimed.filter((_, index) => !suppressed[index]);
    const skipped: DispatchOutcome[] = suppressed.filter(Boolean).map(() => ({ kind: 'suppressed' }));
    const { messaging } = this.#deps;
    if (claims.length < 2 || messaging.sendMany === undefined || claims.some((claim) => claim.delivery.channel !== 'whatsapp')) {
      return [...skipped, ...(await Promise.all(claims.map(async (claim) => this.#settle(claim, await this.#send(claim.delivery)))))];
    }
    let results: readonly SendResult[];
    try {
      results = await messaging.sendMany(claims.map((claim) => toProviderMessage(claim.delivery)));
    } catch (error) {
      results = claims.map(() => this.#adapterBug(messaging.provider, error));
    }
    return [
      ...skipped,
      ...(await Promise.all(
        claims.map((claim, index) => this.#settle(claim, results[index] ?? this.#adapterBug(messaging.provider, 'missing result'))),
      )),
    ];
  }

  /** A WhatsApp delivery to a suppressed number is closed as `suppressed` instead of being sent. */
  async #suppressed(claim: Claim): Promise<boolean> {
    const { suppressions, ledger, clock, logger } = this.#deps;
    if (suppressions === undefined || claim.delivery.channel !== 'whatsapp') return false;
    if (!(await suppressions.has(claim.delivery.recipient))) return false;
    await ledger.markSuppressed(claim, clock.now());
    logger.info('delivery suppressed: the recipient asked to receive nothing', {
      deliveryId: claim.delivery.id,
      job: claim.delivery.job,
      recipient: maskRecipient(claim.delivery),
    });
    return true;
  }

  #claim(deliveryId: string): Promise<Claim | undefined> {
    return this.#deps.ledger.claim(deliveryId, this.#deps.clock.now(), this.#deps.leaseMs);
  }

  async #settle(claim: Claim, result: SendResult): Promise<DispatchOutcome> {
    const { ledger, clock } = this.#deps;
    const { delivery } = claim;
    const log = this.#deps.logger.child({
      deliveryId: delivery.id,
      job: delivery.job,
      channel: delivery.channel,
      recipient: maskRecipient(delivery),
      attempt: delivery.attempts,
    });
    if (result.ok) {
      await ledger.markSent(claim, result.value, clock.now());
      log.info('delivery sent', { provider: result.value.provider });
      return { kind: 'sent', delivery, provider: result.value.provider };
    }

    const failure = result.error;
    const error = `${failure.kind}: ${failure.message}`;
    const decision = decideRetry(this.#deps.retryPolicy, delivery.attempts, failure, this.#deps.random());
    if (decision.retry) {
      const nextAttemptAt = new Date(clock.now().getTime() + decision.delayMs);
      await ledger.reschedule(claim, { provider: failure.provider, error, nextAttemptAt }, clock.now());
      log.warn('delivery failed, will retry', { provider: failure.provider, error, delayMs: decision.delayMs });
      return { kind: 'retry', delayMs: decision.delayMs };
    }
    await ledger.markFailed(claim, { provider: failure.provider, error }, clock.now());
    log.error('delivery failed', { provider: failure.provider, error });
    return { kind: 'failed', reason: error };
  }

  /** A provider adapter that throws has a bug; the delivery is still retried rather than lost. */
  async #send(delivery: Delivery): Promise<SendResult> {
    const provider = delivery.channel === 'push' ? (this.#deps.push?.provider ?? 'push') : this.#deps.messaging.provider;
    try {
      return delivery.channel === 'push' ? await this.#notify(delivery) : await this.#deps.messaging.send(toProviderMessage(delivery));
    } catch (error) {
      return this.#adapterBug(provider, error);
    }
  }

  #notify(delivery: Delivery): Promise<SendResult> {
    const { push } = this.#deps;
    if (push === null) {
      return Promise.resolve({
        ok: false,
        error: { ...sendFailure('rejected', 'push notifications are not configured'), provider: 'push' },
      });
    }
    return push.notify({
      deliveryId: delivery.id,
      deviceId: delivery.recipient,
      heading: delivery.message.title ?? delivery.message.text,
      content: delivery.message.text,
      targetUrl: delivery.message.variables.link ?? '',
    });
  }

  #adapterBug(provider: string, error: unknown): SendResult {
    this.#deps.logger.error('provider adapter threw instead of returning a failure', { provider, error });
    return { ok: false, error: { ...sendFailure('unavailable', 'the provider adapter failed unexpectedly'), provider } };
  }
}

function toProviderMessage(delivery: Delivery): ProviderMessage {
  return { deliveryId: delivery.id, clientId: delivery.clientId, to: delivery.recipient as PhoneNumber, message: delivery.message };
}
