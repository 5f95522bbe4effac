import type { Delivery } from '../../domain/deliveries/delivery.ts';
import { maskRecipient } from '../../domain/deliveries/recipient-masking.ts';
import { isStale, staleReason, type MaxAgeHours } from '../../domain/deliveries/freshness.ts';
import { isProviderOutage } from '../../domain/deliveries/outage.ts';
import { decideRetry, isRateLimit, rateLimitWaitMs, type RetryPolicy } from '../../domain/deliveries/retry-policy.ts';
import { sendFailure } from '../../domain/deliveries/send-failure.ts';
import type { PhoneNumber } from '../../domain/phone/phone-number.ts';
import { err } from '../../domain/shared/result.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { Claim, DeliveryLedger } from '../ports/delivery-ledger.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { MessagingPort, ProviderMessage, SendResult } from '../ports/messaging.port.ts';
import type { OperatorAlerts } from '../ports/operator-alerts.port.ts';
import type { PushPort } from '../ports/push.port.ts';
import type { SuppressionList } from '../ports/suppression-list.port.ts';
import type { Admission, ProviderOutages } from '../services/provider-outages.ts';

export type DispatchOutcome =
  | { readonly kind: 'sent'; readonly delivery: Delivery; readonly provider: string }
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'failed'; readonly reason: string }
  /** The recipient asked to receive nothing (BAJA): recorded `suppressed`, never sent. */
  | { readonly kind: 'suppressed' }
  /** Waited longer than its job's maximum age: not sent. */
  | { readonly kind: 'expired'; readonly reason: string }
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
  /** Which providers are down: their deliveries wait instead of spending attempts. */
  readonly outages: ProviderOutages;
  readonly alerts: OperatorAlerts;
  /** DELIVERY_MAX_AGE_HOURS: older deliveries expire instead of being sent. */
  readonly maxAgeHours: MaxAgeHours;
}

/** A claimed delivery, with what the outage tracker said about sending it now. */
interface Admitted {
  readonly claim: Claim;
  /** The provider the delivery waits for, or would (the configured one). */
  readonly gate: string;
  readonly admission: Admission;
}

/**
 * §8: send deliveries. Each is claimed right before the provider is called and confirmed after, so a
 * crash in between is retried once the lease expires; a failure is retried with backoff or, when
 * permanent or out of attempts, recorded as failed with its reason. Never recorded as sent unless the
 * provider took it. Issue 10: when the provider itself is down the delivery waits for it, its attempt
 * given back; a delivery older than its job's maximum age expires instead of being sent. Issue 13: a
 * rate limit gives its attempt back too and never fails a delivery; only its age can end the wait.
 */
export class DispatchDelivery {
  readonly #deps: DispatchDeliveryDeps;
  /** Failures made up for an adapter that threw: a bug, which spends attempts like a refusal rather than waiting forever. */
  readonly #bugs = new WeakSet<object>();

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
    const early = await this.#beforeSending(claim);
    if (early.kind !== 'admitted') return early.outcome;
    return this.#settle(early.admitted, await this.#send(claim.delivery));
  }

  /**
   * Sends several WhatsApp deliveries of the same event in one provider call where the provider
   * supports it (a campaign), settling each on its own result.
   */
  async executeBatch(deliveryIds: readonly string[]): Promise<DispatchOutcome[]> {
    const claims = (await Promise.all(deliveryIds.map((id) => this.#claim(id)))).filter((claim): claim is Claim => claim !== undefined);
    const outcomes: DispatchOutcome[] = [];
    const admitted: Admitted[] = [];
    // One by one: only one of them may be the look at a provider counted down.
    for (const claim of claims) {
      const early = await this.#beforeSending(claim);
      if (early.kind === 'admitted') admitted.push(early.admitted);
      else outcomes.push(early.outcome);
    }
    const { messaging } = this.#deps;
    if (admitted.length < 2 || messaging.sendMany === undefined || admitted.some(({ claim }) => claim.delivery.channel !== 'whatsapp')) {
      return [...outcomes, ...(await Promise.all(admitted.map(async (one) => this.#settle(one, await this.#send(one.claim.delivery)))))];
    }
    let results: readonly SendResult[];
    try {
      results = await messaging.sendMany(admitted.map(({ claim }) => toProviderMessage(claim.delivery)));
    } catch (error) {
      results = admitted.map(() => this.#adapterBug(messaging.provider, error));
    }
    return [
      ...outcomes,
      ...(await Promise.all(
        admitted.map((one, index) => this.#settle(one, results[index] ?? this.#adapterBug(messaging.provider, 'missing result'))),
      )),
    ];
  }

  /** Expires a delivery too old to send, and holds back one whose provider is down until it is looked at again. */
  async #beforeSending(
    claim: Claim,
  ): Promise<{ readonly kind: 'admitted'; readonly admitted: Admitted } | { readonly kind: 'done'; readonly outcome: DispatchOutcome }> {
    const { ledger, clock, outages, maxAgeHours, alerts } = this.#deps;
    const { delivery } = claim;
    if (await this.#suppressed(claim)) return { kind: 'done', outcome: { kind: 'suppressed' } };
    if (isStale(delivery, maxAgeHours, clock.now())) {
      const reason = staleReason(delivery.job, maxAgeHours);
      await ledger.markExpired(claim, reason, clock.now());
      this.#log(delivery).warn('delivery expired', { reason });
      alerts.raise({ kind: 'delivery-given-up', status: 'expired', job: delivery.job, at: clock.now() });
      return { kind: 'done', outcome: { kind: 'expired', reason } };
    }
    const gate = delivery.waitingFor ?? this.#providerOf(delivery);
    const admission = outages.admit(gate);
    if (admission.kind === 'send') return { kind: 'admitted', admitted: { claim, gate, admission } };
    await ledger.park(claim, { provider: gate, cause: admission.cause, nextAttemptAt: admission.until }, clock.now());
    return { kind: 'done', outcome: { kind: 'retry', delayMs: Math.max(0, admission.until.getTime() - clock.now().getTime()) } };
  }

  /** A WhatsApp delivery to a suppressed number is closed as `suppressed` instead of being sent. */
  async #suppressed(claim: Claim): Promise<boolean> {
    const { suppressions, ledger, clock } = this.#deps;
    if (suppressions === undefined || claim.delivery.channel !== 'whatsapp') return false;
    if (!(await suppressions.has(claim.delivery.recipient))) return false;
    await ledger.markSuppressed(claim, clock.now());
    this.#log(claim.delivery).info('delivery suppressed: the recipient asked to receive nothing');
    return true;
  }

  /** WhatsApp says the recipient stopped our messages: every later delivery to the number is suppressed. */
  async #optedOut(delivery: Delivery, provider: string): Promise<void> {
    const { suppressions, clock } = this.#deps;
    if (suppressions === undefined || delivery.channel !== 'whatsapp') return;
    const added = await suppressions.add({ phone: delivery.recipient, since: clock.now(), source: 'marketing-stop', provider });
    if (added) this.#log(delivery).info('recipient suppressed: they stopped our marketing messages in WhatsApp', { provider });
  }

  #providerOf(delivery: Delivery): string {
    return delivery.channel === 'push' ? (this.#deps.push?.provider ?? 'push') : this.#deps.messaging.provider;
  }

  #log(delivery: Delivery): Logger {
    return this.#deps.logger.child({
      deliveryId: delivery.id,
      job: delivery.job,
      channel: delivery.channel,
      recipient: maskRecipient(delivery),
      attempt: delivery.attempts,
    });
  }

  #claim(deliveryId: string): Promise<Claim | undefined> {
    return this.#deps.ledger.claim(deliveryId, this.#deps.clock.now(), this.#deps.leaseMs);
  }

  async #settle({ claim, gate, admission }: Admitted, result: SendResult): Promise<DispatchOutcome> {
    const { ledger, clock, outages } = this.#deps;
    const { delivery } = claim;
    const log = this.#log(delivery);
    const probe = admission.kind === 'send' && admission.probe;
    if (result.ok) {
      await ledger.markSent(claim, result.value, clock.now());
      log.info('delivery sent', { provider: result.value.provider });
      await outages.reached(result.value.provider);
      // Sent by a fallback while the one it waited for is still down: the look at that one got through all the same.
      if (gate !== result.value.provider) await outages.reached(gate);
      return { kind: 'sent', delivery, provider: result.value.provider };
    }

    const failure = result.error;
    const error = `${failure.kind}: ${failure.message}`;
    if (isProviderOutage(failure) && !this.#bugs.has(failure)) {
      const nextAttemptAt = await outages.failed(failure.provider, error, probe);
      await ledger.park(claim, { provider: failure.provider, cause: error, nextAttemptAt }, clock.now());
      const delayMs = Math.max(0, nextAttemptAt.getTime() - clock.now().getTime());
      log.warn('provider unavailable, delivery waits without spending its attempt', { provider: failure.provider, error, delayMs });
      return { kind: 'retry', delayMs };
    }
    // The provider answered about this message: it works, whatever it said.
    if (!this.#bugs.has(failure)) await outages.reached(failure.provider);
    if (isRateLimit(failure)) {
      const delayMs = rateLimitWaitMs(this.#deps.retryPolicy, delivery.attempts, failure, this.#deps.random());
      const nextAttemptAt = new Date(clock.now().getTime() + delayMs);
      await ledger.reschedule(claim, { provider: failure.provider, error, nextAttemptAt, attemptSpent: false }, clock.now());
      log.warn('provider rate limit, delivery waits without spending its attempt', { provider: failure.provider, error, delayMs });
      return { kind: 'retry', delayMs };
    }
    const decision = decideRetry(this.#deps.retryPolicy, delivery.attempts, failure, this.#deps.random());
    if (decision.retry) {
      const nextAttemptAt = new Date(clock.now().getTime() + decision.delayMs);
      await ledger.reschedule(claim, { provider: failure.provider, error, nextAttemptAt }, clock.now());
      log.warn('delivery failed, will retry', { provider: failure.provider, error, delayMs: decision.delayMs });
      return { kind: 'retry', delayMs: decision.delayMs };
    }
    await ledger.markFailed(claim, { provider: failure.provider, error }, clock.now());
    log.error('delivery failed', { provider: failure.provider, error });
    if (failure.kind === 'opted_out') await this.#optedOut(delivery, failure.provider);
    this.#deps.alerts.raise({ kind: 'delivery-given-up', status: 'failed', job: delivery.job, at: clock.now() });
    return { kind: 'failed', reason: error };
  }

  /**
   * A provider adapter that throws has a bug; the delivery is still retried rather than lost. Not an async
   * function: its suspended frame would be one more thing each send in flight keeps alive while the provider
   * answers, and a fan-out's memory grows with those (bench/notes/fanout.md, "Peak RSS").
   */
  #send(delivery: Delivery): Promise<SendResult> {
    const threw = delivery.channel === 'push' ? this.#pushThrew : this.#messagingThrew;
    try {
      return (delivery.channel === 'push' ? this.#notify(delivery) : this.#deps.messaging.send(toProviderMessage(delivery))).then(
        undefined,
        threw,
      );
    } catch (error) {
      return Promise.resolve(threw(error));
    }
  }

  readonly #messagingThrew = (error: unknown): SendResult => this.#adapterBug(this.#deps.messaging.provider, error);
  readonly #pushThrew = (error: unknown): SendResult => this.#adapterBug(this.#deps.push?.provider ?? 'push', error);

  #notify(delivery: Delivery): Promise<SendResult> {
    const { push } = this.#deps;
    if (push === null) {
      return Promise.resolve(err({ ...sendFailure('rejected', 'push notifications are not configured'), provider: 'push' }));
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
    const failure = { ...sendFailure('unavailable', 'the provider adapter failed unexpectedly'), provider };
    this.#bugs.add(failure);
    return err(failure);
  }
}

function toProviderMessage(delivery: Delivery): ProviderMessage {
  return { deliveryId: delivery.id, clientId: delivery.clientId, to: delivery.recipient as PhoneNumber, message: delivery.message };
}
