import type { Clock } from '../ports/clock.port.ts';
import type { DeliveryLedger } from '../ports/delivery-ledger.port.ts';
import type { DispatchQueue } from '../ports/dispatch-queue.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { OperatorAlerts } from '../ports/operator-alerts.port.ts';

export interface ProviderOutagesDeps {
  readonly ledger: DeliveryLedger;
  readonly dispatchQueue: DispatchQueue;
  readonly alerts: OperatorAlerts;
  readonly clock: Clock;
  readonly logger: Logger;
  /** First wait before the provider is tried again; doubles after each failed probe, up to `maxProbeMs`. */
  readonly firstProbeMs: number;
  /** DISPATCH_PROBE_MAX_MS. */
  readonly maxProbeMs: number;
  /** Outage failures in a row (no send reaching the provider in between) after which it counts as unavailable. */
  readonly threshold: number;
  /** A probe whose answer never came (a crashed send) stops blocking the next one after this long. */
  readonly probeHoldMs: number;
  readonly random: () => number;
}

/** What the dispatcher may do with a delivery for a provider. */
export type Admission =
  | { readonly kind: 'send'; /** This send is the one look at a provider counted unavailable. */ readonly probe: boolean }
  | { readonly kind: 'wait'; readonly until: Date; readonly cause: string };

/** The answer for every send to a provider that works: one object, not one per message. */
const SEND: Admission = Object.freeze({ kind: 'send', probe: false });

export interface ProviderOutage {
  readonly provider: string;
  readonly cause: string;
  readonly since: Date;
  readonly nextProbeAt: Date;
}

interface OutageState {
  failures: number;
  since: Date;
  cause: string;
  down: boolean;
  probeDelayMs: number;
  nextProbeAt: number;
  probingUntil: number;
}

/**
 * Which providers cannot send now (issue 10 §1). While one is unavailable, its deliveries wait without
 * spending attempts and only one send at a time looks at it, with a backoff that grows to
 * DISPATCH_PROBE_MAX_MS; when a look gets through, every delivery waiting for it is due again (oldest
 * first) and operators are told. The state lives in the process: each process looks for itself, and
 * what waits is in the ledger, so nothing depends on it surviving a restart.
 */
export class ProviderOutages {
  readonly #deps: ProviderOutagesDeps;
  readonly #states = new Map<string, OutageState>();

  constructor(deps: ProviderOutagesDeps) {
    this.#deps = deps;
  }

  /** Providers counted unavailable now. */
  current(): ProviderOutage[] {
    return [...this.#states.entries()]
      .filter(([, state]) => state.down)
      .map(([provider, state]) => ({ provider, cause: state.cause, since: state.since, nextProbeAt: new Date(state.nextProbeAt) }));
  }

  admit(provider: string): Admission {
    const state = this.#states.get(provider);
    if (state === undefined || !state.down) return SEND;
    const now = this.#deps.clock.now().getTime();
    if (now >= state.nextProbeAt && now >= state.probingUntil) {
      state.probingUntil = now + this.#deps.probeHoldMs;
      return { kind: 'send', probe: true };
    }
    const until = Math.max(state.nextProbeAt, now + state.probeDelayMs / 2);
    return { kind: 'wait', until: new Date(until), cause: state.cause };
  }

  /** The provider failed as a whole (`isProviderOutage`); returns when the delivery should look again. */
  async failed(provider: string, cause: string, probe: boolean): Promise<Date> {
    const { clock, firstProbeMs, maxProbeMs, threshold } = this.#deps;
    const now = clock.now();
    const state = this.#states.get(provider) ?? this.#fresh(now, cause);
    this.#states.set(provider, state);
    state.failures++;
    state.cause = cause;
    if (!state.down && state.failures >= threshold) {
      state.down = true;
      state.probeDelayMs = firstProbeMs;
      state.nextProbeAt = now.getTime() + firstProbeMs;
      this.#deps.logger.error('provider unavailable: deliveries wait for it without spending attempts', { provider, cause });
      await this.#raiseUnavailable(provider, state);
    } else if (state.down && probe) {
      state.probingUntil = 0;
      state.probeDelayMs = Math.min(maxProbeMs, state.probeDelayMs * 2);
      state.nextProbeAt = now.getTime() + state.probeDelayMs;
      this.#deps.logger.warn('provider still unavailable', { provider, cause, nextProbeMs: state.probeDelayMs });
      await this.#raiseUnavailable(provider, state);
    }
    // While a look is still out, a send that failed alongside it waits at least half a probe interval: never due at once.
    if (state.down) return new Date(Math.max(state.nextProbeAt, now.getTime() + state.probeDelayMs / 2));
    // Not counted unavailable yet: an ordinary backoff, with jitter so that the deliveries do not return together.
    const delay = Math.min(maxProbeMs, firstProbeMs * 2 ** Math.max(0, state.failures - 1));
    return new Date(now.getTime() + Math.round(delay / 2 + (delay / 2) * this.#deps.random()));
  }

  /** A send reached the provider (taken, or refused for that message alone): it works. */
  async reached(provider: string): Promise<void> {
    const state = this.#states.get(provider);
    if (state === undefined) return;
    this.#states.delete(provider);
    if (!state.down) return;
    const { ledger, dispatchQueue, clock, alerts, logger } = this.#deps;
    const woken = await ledger.wake(provider, clock.now());
    await dispatchQueue.publish(woken);
    const waiting = await ledger.waitingCount(provider);
    logger.info('provider recovered: waiting deliveries go out, oldest first', { provider, waiting, since: state.since.toISOString() });
    alerts.raise({ kind: 'provider-recovered', provider, since: state.since, waiting });
  }

  #fresh(now: Date, cause: string): OutageState {
    return { failures: 0, since: now, cause, down: false, probeDelayMs: this.#deps.firstProbeMs, nextProbeAt: 0, probingUntil: 0 };
  }

  async #raiseUnavailable(provider: string, state: OutageState): Promise<void> {
    const waiting = await this.#deps.ledger.waitingCount(provider);
    this.#deps.alerts.raise({ kind: 'provider-unavailable', provider, cause: state.cause, since: state.since, waiting });
  }
}
