import { sendFailure } from '../../domain/deliveries/send-failure.ts';
import { err } from '../../domain/shared/result.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { MessagingPort, ProviderFailure, ProviderMessage, SessionState, SendResult } from '../ports/messaging.port.ts';
import { CircuitBreaker, type CircuitPermit } from './circuit-breaker.ts';

/** The settings of the quick retries and the circuit breaker, by their names in the configuration. */
export interface ResilienceSettings {
  readonly WHATSAPP_RETRY_ATTEMPTS: number;
  readonly WHATSAPP_BREAKER_FAILURES: number;
  readonly WHATSAPP_BREAKER_HALF_OPEN_MS: number;
}

/** A Retry-After longer than this is the durable retry's business: nobody should wait in-process that long. */
const MAX_IN_PROCESS_WAIT_MS = 5_000;
const FIRST_RETRY_DELAY_MS = 200;
const MAX_RETRY_DELAY_MS = 2_000;

/**
 * The wait before quick retry number `retry` (0 for the first): exponential from 200 ms up to 2 s, each
 * between half of that and all of it, so that sends that failed together do not all come back together.
 *
 * @param random a number in [0, 1)
 */
export function quickRetryDelayMs(retry: number, random: number): number {
  const exponential = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** retry);
  return Math.round(exponential / 2 + (exponential / 2) * random);
}

/**
 * Worth trying again at once. Not a timeout: the provider may have taken the message and only its
 * answer was lost; most providers take no idempotency key, so the durable retry, later, is the safer one.
 */
const isPassingFailure = (sent: SendResult): boolean =>
  !sent.ok && sent.error.retryable && sent.error.kind !== 'timeout' && (sent.error.retryAfterMs ?? 0) <= MAX_IN_PROCESS_WAIT_MS;

/** A failure that may pass is what counts against the provider; a refused number or template is about the message. */
const isRetryableFailure = (sent: SendResult): boolean => !sent.ok && sent.error.retryable;

/** A campaign counts against the provider when every message of it failed for a reason that may pass. */
const isFailedCampaign = (sent: readonly SendResult[]): boolean => sent.length > 0 && sent.every(isRetryableFailure);

/**
 * A provider with a few quick retries for passing failures and a circuit breaker, which stops calling a
 * provider that keeps failing and tries it again by itself after a while. Permanent failures (a bad
 * number, a refused template) neither retry nor count against the provider. An open circuit answers at
 * once with a retryable failure naming the provider's last one, which is what sends a delivery to the
 * fallback provider.
 */
export class ResilientMessaging implements MessagingPort {
  readonly #inner: MessagingPort;
  readonly #breaker: CircuitBreaker;
  readonly #clock: Clock;
  readonly #random: () => number;
  /** Tries after the first. */
  readonly #retries: number;
  readonly #halfOpenAfterMs: number;
  /** What the provider last failed with: an open circuit reports it, not itself (issue 10: lastError names the cause). */
  #lastCause: ProviderFailure | undefined;
  readonly sendMany?: (messages: readonly ProviderMessage[]) => Promise<SendResult[]>;

  constructor(inner: MessagingPort, settings: ResilienceSettings, logger: Logger, clock: Clock, random: () => number = Math.random) {
    this.#inner = inner;
    this.#clock = clock;
    this.#random = random;
    this.#retries = settings.WHATSAPP_RETRY_ATTEMPTS - 1;
    this.#halfOpenAfterMs = settings.WHATSAPP_BREAKER_HALF_OPEN_MS;
    if (inner.sendMany !== undefined) this.sendMany = (messages) => this.#sendMany(messages);
    const log = logger.child({ provider: inner.provider });
    this.#breaker = new CircuitBreaker({
      failuresToOpen: settings.WHATSAPP_BREAKER_FAILURES,
      halfOpenAfterMs: settings.WHATSAPP_BREAKER_HALF_OPEN_MS,
      now: () => clock.now().getTime(),
      onOpen: () =>
        log.error('provider circuit opened: it keeps failing, calls pause', { pauseMs: settings.WHATSAPP_BREAKER_HALF_OPEN_MS }),
      onHalfOpen: () => log.warn('provider circuit half open: trying the provider again'),
      onClose: () => log.info('provider circuit closed: the provider answers again'),
    });
  }

  get provider(): string {
    return this.#inner.provider;
  }

  get minBatch(): number | undefined {
    return this.#inner.minBatch;
  }

  /**
   * What a fan-out keeps alive through every scavenge grows with what each send in flight holds while the
   * provider answers (bench/notes/fanout.md, "Peak RSS"): here, one callback. The breaker is plain state,
   * asked before the call and told after it, so it adds no promise and no frame.
   */
  send(message: ProviderMessage): Promise<SendResult> {
    return this.#try(message, 0);
  }

  #try(message: ProviderMessage, retry: number): Promise<SendResult> {
    const permit = this.#breaker.permit();
    if (permit === 'refused') return Promise.resolve(this.#circuitOpen());
    let sent: Promise<SendResult>;
    try {
      sent = this.#inner.send(message);
    } catch (error) {
      // An adapter that throws before its promise: still a rejection for the caller, as from an async function.
      this.#endWithoutVerdict(permit);
      return Promise.reject(error);
    }
    const answered = (result: SendResult): SendResult | Promise<SendResult> => this.#answered(message, retry, permit, result);
    if (permit === 'closed') return sent.then(answered);
    return sent.then(answered, (error: unknown) => {
      this.#endWithoutVerdict(permit);
      throw error;
    });
  }

  #answered(message: ProviderMessage, retry: number, permit: CircuitPermit, result: SendResult): SendResult | Promise<SendResult> {
    this.#remember(result);
    this.#breaker.record(permit, isRetryableFailure(result));
    if (retry >= this.#retries || !isPassingFailure(result)) return result;
    return this.#clock.sleep(quickRetryDelayMs(retry, this.#random())).then(() => this.#try(message, retry + 1));
  }

  /** A campaign is one call: it goes through the breaker; a failed one is retried durably, message by message. */
  async #sendMany(messages: readonly ProviderMessage[]): Promise<SendResult[]> {
    const permit = this.#breaker.permit();
    if (permit === 'refused') {
      const open = this.#circuitOpen();
      return messages.map(() => open);
    }
    let results: SendResult[];
    try {
      results = await this.#inner.sendMany!(messages);
    } catch (error) {
      this.#endWithoutVerdict(permit);
      throw error;
    }
    for (const result of results) this.#remember(result);
    this.#breaker.record(permit, isFailedCampaign(results));
    return results;
  }

  session(): Promise<SessionState> {
    return this.#inner.session();
  }

  /**
   * An adapter that throws has a bug: that says nothing of the provider, so a closed circuit does not count
   * it; but a trial must end, or the circuit would refuse every call from then on. It ends as a success,
   * as it did under cockatiel: the error is the dispatcher's to report, and the next failures count anew.
   */
  #endWithoutVerdict(permit: CircuitPermit): void {
    if (permit === 'trial') this.#breaker.record(permit, false);
  }

  #remember(result: SendResult): void {
    if (!result.ok && result.error.retryable) this.#lastCause = result.error;
  }

  #circuitOpen(): SendResult {
    const cause = this.#lastCause;
    const message =
      cause === undefined
        ? `${this.#inner.provider} keeps failing; calls are paused for a while`
        : `${cause.message} (${this.#inner.provider} keeps failing; calls are paused for a while)`;
    // The cause's own kind (not ready, timeout…) when it is one the outage handling knows; never a refusal of one message.
    const kind = cause !== undefined && (cause.kind === 'not_ready' || cause.kind === 'timeout') ? cause.kind : 'unavailable';
    return err({ ...sendFailure(kind, message, this.#halfOpenAfterMs), provider: this.#inner.provider });
  }
}
