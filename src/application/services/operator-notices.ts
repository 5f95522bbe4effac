import {
  answerLostNotice,
  templateStatusNotice,
  deadLetteredNotice,
  givenUpNotice,
  newsletterRunFailedNotice,
  providerBackNotice,
  providerDownNotice,
} from '../../domain/messages/operator-notice.message.ts';
import { err, type Result } from '../../domain/shared/result.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { OperatorAlerts, OperatorEvent } from '../ports/operator-alerts.port.ts';
import type { OperatorNotice, OperatorNotifier } from '../ports/operator-notifier.port.ts';

export interface OperatorNoticesOptions {
  readonly notifiers: readonly OperatorNotifier[];
  readonly clock: Clock;
  readonly logger: Logger;
  /** OPS_NOTIFY_AFTER_SECONDS: how long a provider may be unavailable before operators are told. */
  readonly notifyAfterMs: number;
  /** OPS_FAILURE_THRESHOLD: deliveries failed or expired within an hour above which operators are told. */
  readonly failureThreshold: number;
  /** First wait before a notice that did not go out is tried again; doubles up to an hour. */
  readonly retryMs: number;
}

interface Outage {
  readonly since: Date;
  cause: string;
  waiting: number;
  noticed: boolean;
}

const HOUR_MS = 3_600_000;
const MAX_RETRY_MS = HOUR_MS;
/** A notice still undelivered after a day is stale: it is dropped, with a log line. */
const GIVE_UP_AFTER_MS = 24 * HOUR_MS;
/** How long a stop waits for notices on their way (the CLI's run, a shutdown). */
const FLUSH_MS = 5_000;

/**
 * Decides what becomes a notice and sends it to every notifier (issue 10 §6): a provider outage once it
 * has lasted `notifyAfterMs`, and its end (once per incident); a newsletter run with failures; more
 * deliveries given up within an hour than the threshold (once until it falls back under it); a queue's
 * dead letters (at most one notice per queue and hour, counting the others). `raise` returns at once
 * and never throws: sending happens on its own, each notifier apart, and a notifier that fails is logged
 * and tried again later, with growing waits.
 */
export class OperatorNotices implements OperatorAlerts {
  readonly #options: OperatorNoticesOptions;
  readonly #log: Logger;
  readonly #outages = new Map<string, Outage>();
  #givenUp: { at: number; status: 'failed' | 'expired' }[] = [];
  #givenUpNoticed = false;
  readonly #deadLetters = new Map<string, { lastNoticeAt: number; since: number }>();
  readonly #stopping = new AbortController();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: OperatorNoticesOptions) {
    this.#options = options;
    this.#log = options.logger.child({ component: 'operator-notices' });
  }

  raise(event: OperatorEvent): void {
    try {
      this.#handle(event);
    } catch (error) {
      this.#log.error('operator event not handled', { kind: event.kind, error });
    }
  }

  /** Stops retrying, and waits a little for the notices already on their way. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    const flushing = Promise.allSettled([...this.#inFlight]);
    await Promise.race([flushing, new Promise((resolve) => setTimeout(resolve, FLUSH_MS).unref())]);
  }

  #handle(event: OperatorEvent): void {
    const now = this.#options.clock.now();
    switch (event.kind) {
      case 'provider-unavailable':
        return this.#unavailable(event.provider, event.cause, event.since, event.waiting, now);
      case 'provider-recovered': {
        const outage = this.#outages.get(event.provider);
        this.#outages.delete(event.provider);
        // An outage nobody was told about ends quietly: a notice of its end would be noise.
        if (outage?.noticed !== true) return;
        return this.#send(providerBackNotice({ provider: event.provider, since: outage.since, now, waiting: event.waiting }));
      }
      case 'newsletter-run-failed':
        return this.#send(newsletterRunFailedNotice(event));
      case 'delivery-given-up':
        return this.#deliveryGivenUp(event.status, now);
      case 'dead-lettered':
        return this.#deadLettered(event.queue, event.reason, now);
      case 'answer-lost':
        return this.#send(answerLostNotice(event));
      case 'template-status-changed':
        // A pause holds jobs and an approval lets them go: operators hear of those, not of every review step.
        if (!['PAUSED', 'DISABLED', 'APPROVED', 'REINSTATED'].includes(event.event)) return;
        return this.#send(templateStatusNotice(event));
      default:
        // Every event of the port must be handled above: a new one fails the type check here.
        return assertNever(event);
    }
  }

  #unavailable(provider: string, cause: string, since: Date, waiting: number, now: Date): void {
    let outage = this.#outages.get(provider);
    if (outage === undefined || outage.since.getTime() !== since.getTime()) {
      outage = { since, cause, waiting, noticed: false };
      this.#outages.set(provider, outage);
      // The grace period ends even if nobody raises the outage again meanwhile.
      const remaining = since.getTime() + this.#options.notifyAfterMs - now.getTime();
      if (remaining > 0) {
        const current = outage;
        void this.#options.clock.sleep(remaining, this.#stopping.signal).then(() => {
          if (!this.#stopping.signal.aborted && this.#outages.get(provider) === current) this.#noticeOutage(provider, current);
        });
      }
    }
    outage.cause = cause;
    outage.waiting = waiting;
    if (now.getTime() - since.getTime() >= this.#options.notifyAfterMs) this.#noticeOutage(provider, outage);
  }

  #noticeOutage(provider: string, outage: Outage): void {
    if (outage.noticed) return;
    outage.noticed = true;
    const now = this.#options.clock.now();
    this.#send(providerDownNotice({ provider, cause: outage.cause, since: outage.since, now, waiting: outage.waiting }));
  }

  #deliveryGivenUp(status: 'failed' | 'expired', now: Date): void {
    const since = now.getTime() - HOUR_MS;
    this.#givenUp = this.#givenUp.filter((entry) => entry.at > since);
    this.#givenUp.push({ at: now.getTime(), status });
    if (this.#givenUp.length <= this.#options.failureThreshold) {
      // Back under the threshold: the next rise is a new incident.
      this.#givenUpNoticed = false;
      return;
    }
    if (this.#givenUpNoticed) return;
    this.#givenUpNoticed = true;
    const failed = this.#givenUp.filter((entry) => entry.status === 'failed').length;
    this.#send(givenUpNotice({ failed, expired: this.#givenUp.length - failed, threshold: this.#options.failureThreshold }));
  }

  #deadLettered(queue: string, reason: string, now: Date): void {
    const state = this.#deadLetters.get(queue);
    if (state !== undefined && now.getTime() - state.lastNoticeAt < HOUR_MS) {
      state.since++;
      return;
    }
    this.#deadLetters.set(queue, { lastNoticeAt: now.getTime(), since: 0 });
    this.#send(deadLetteredNotice({ queue, reason, earlier: state?.since ?? 0 }));
  }

  #send(text: string): void {
    const notice: OperatorNotice = { text, providersDown: [...this.#outages.keys()] };
    for (const notifier of this.#options.notifiers) this.#track(this.#deliver(notifier, notice, this.#options.clock.now().getTime()));
  }

  #track(work: Promise<void>): void {
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }

  async #deliver(notifier: OperatorNotifier, notice: OperatorNotice, firstTriedAt: number): Promise<void> {
    let waitMs = this.#options.retryMs;
    for (let attempt = 1; ; attempt++) {
      const sent = await this.#attempt(notifier, notice);
      if (sent.ok) {
        this.#log.info('operator notice sent', { notifier: notifier.name, attempt });
        return;
      }
      const stale = this.#options.clock.now().getTime() - firstTriedAt > GIVE_UP_AFTER_MS;
      this.#log.warn(stale ? 'operator notice dropped: it could not be sent for a day' : 'operator notice not sent; trying again later', {
        notifier: notifier.name,
        attempt,
        retryInMs: stale ? null : waitMs,
        error: sent.error,
      });
      if (stale || this.#stopping.signal.aborted) return;
      await this.#options.clock.sleep(waitMs, this.#stopping.signal);
      if (this.#stopping.signal.aborted) return;
      waitMs = Math.min(waitMs * 2, MAX_RETRY_MS);
    }
  }

  /** The notifier's refusal, or what it threw (a bug or an outage): either way, the notice waits for the next try. */
  async #attempt(notifier: OperatorNotifier, notice: OperatorNotice): Promise<Result<void, unknown>> {
    try {
      return await notifier.notify(notice);
    } catch (error) {
      return err(error);
    }
  }
}

function assertNever(event: never): never {
  throw new Error(`operator event of unknown kind: ${JSON.stringify(event)}`);
}
