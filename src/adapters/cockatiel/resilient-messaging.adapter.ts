import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhenResult,
  type CircuitBreakerPolicy,
  type IBackoff,
  type IBackoffFactory,
} from 'cockatiel';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort, ProviderFailure, ProviderMessage, SessionState, SendResult } from '../../application/ports/messaging.port.ts';
import { sendFailure } from '../../domain/deliveries/send-failure.ts';
import { err } from '../../domain/shared/result.ts';
import type { ResilienceConfig } from './cockatiel.config.ts';

/** A Retry-After longer than this is the durable retry's business: nobody should wait in-process that long. */
const MAX_IN_PROCESS_WAIT_MS = 5_000;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Worth trying again at once. Not a timeout: the provider may have taken the message and only its
 * answer was lost; most providers take no idempotency key, so the durable retry, later, is the safer one.
 */
const isPassingFailure = (result: unknown): boolean => {
  const sent = result as SendResult;
  return !sent.ok && sent.error.retryable && sent.error.kind !== 'timeout' && (sent.error.retryAfterMs ?? 0) <= MAX_IN_PROCESS_WAIT_MS;
};
/** A send, or a whole campaign, that failed for a reason that may pass: what counts against the breaker. */
const isRetryableFailure = (result: unknown): boolean => {
  if (Array.isArray(result)) return result.length > 0 && result.every(isRetryableFailure);
  const sent = result as SendResult;
  return !sent.ok && sent.error.retryable;
};

/**
 * A provider with a few quick retries for passing failures (cockatiel's exponential backoff with jitter)
 * and cockatiel's circuit breaker, which stops calling a provider that keeps failing and tries it again by
 * itself after a while. Permanent failures (a bad number, a refused template)
 * neither retry nor trip the breaker. An open circuit answers at once with a retryable `unavailable`,
 * which is what sends a delivery to the fallback provider.
 */
export class ResilientMessaging implements MessagingPort {
  readonly #inner: MessagingPort;
  readonly #breaker: CircuitBreakerPolicy;
  /** The breaker's count of failures in a row, for an answer that comes back once the circuit opened (see `send`). */
  readonly #consecutive: ConsecutiveBreaker;
  /** Tries after the first; each waits for the next duration of a fresh backoff. */
  readonly #retries: number;
  readonly #backoff: IBackoffFactory<unknown>;
  /** Inside the breaker, as each call ends: a failure that opens the circuit must be known to the callers it turns away at once. */
  readonly #rememberResult = (result: SendResult): SendResult => this.#remember(result);
  readonly #halfOpenAfterMs: number;
  /** What the provider last failed with: an open circuit reports it, not itself (issue 10: lastError names the cause). */
  #lastCause: ProviderFailure | undefined;
  readonly sendMany?: (messages: readonly ProviderMessage[]) => Promise<SendResult[]>;

  constructor(inner: MessagingPort, config: ResilienceConfig, logger: Logger) {
    this.#inner = inner;
    if (inner.sendMany !== undefined) this.sendMany = (messages) => this.#sendMany(messages);
    this.#halfOpenAfterMs = config.WHATSAPP_BREAKER_HALF_OPEN_MS;
    this.#consecutive = new ConsecutiveBreaker(config.WHATSAPP_BREAKER_FAILURES);
    const breaker = circuitBreaker(handleWhenResult(isRetryableFailure), {
      halfOpenAfter: config.WHATSAPP_BREAKER_HALF_OPEN_MS,
      breaker: this.#consecutive,
    });
    const log = logger.child({ provider: inner.provider });
    breaker.onBreak(() =>
      log.error('provider circuit opened: it keeps failing, calls pause', { pauseMs: config.WHATSAPP_BREAKER_HALF_OPEN_MS }),
    );
    breaker.onHalfOpen(() => log.warn('provider circuit half open: trying the provider again'));
    breaker.onReset(() => log.info('provider circuit closed: the provider answers again'));
    this.#retries = config.WHATSAPP_RETRY_ATTEMPTS - 1;
    this.#backoff = new ExponentialBackoff({ initialDelay: 200, maxDelay: 2_000 });
    this.#breaker = breaker;
  }

  get provider(): string {
    return this.#inner.provider;
  }

  get minBatch(): number | undefined {
    return this.#inner.minBatch;
  }

  /**
   * What a fan-out keeps alive through every scavenge grows with the suspended frames of each send in flight
   * (bench/notes/fanout.md, "Peak RSS"), so the provider is waited for in this frame alone:
   * - the retries are this loop rather than cockatiel's retry policy wrapped around the breaker (same tries
   *   and backoff, without that policy's and the wrapper's frames and context copies);
   * - while the circuit is closed, the provider is called first and only its answer goes through the breaker,
   *   which counts it, and opens the circuit, exactly as if it had made the call: it was closed when the call
   *   started, and every answer takes the same path, so they are counted in the order they came. An answer
   *   that comes back once the circuit opened is counted as the breaker counts a call it let through while
   *   closed, and kept (a message the provider took must be recorded sent); one difference: a late failure
   *   while a half-open trial runs leaves the decision to that trial instead of reopening at once.
   */
  async send(message: ProviderMessage): Promise<SendResult> {
    try {
      let backoff: IBackoff<unknown> | undefined;
      for (let tried = 0; ; tried++) {
        let result: SendResult;
        if (this.#breaker.state === CircuitState.Closed) {
          const answer = this.#remember(await this.#inner.send(message));
          result = this.#breaker.state === CircuitState.Closed ? await this.#breaker.execute(() => answer) : this.#countedLate(answer);
        } else {
          result = await this.#breaker.execute(() => this.#inner.send(message).then(this.#rememberResult));
        }
        if (tried >= this.#retries || !isPassingFailure(result)) return result;
        const next: IBackoff<unknown> = backoff === undefined ? this.#backoff.next(undefined) : backoff.next(undefined);
        backoff = next;
        await wait(next.duration);
      }
    } catch (error) {
      return this.#circuitOpen(error);
    }
  }

  #countedLate(answer: SendResult): SendResult {
    if (isRetryableFailure(answer)) this.#consecutive.failure();
    else this.#consecutive.success();
    return answer;
  }

  #remember(result: SendResult): SendResult {
    if (!result.ok && result.error.retryable) this.#lastCause = result.error;
    return result;
  }

  /** A campaign is one call: it goes through the breaker; a failed one is retried durably, message by message. */
  async #sendMany(messages: readonly ProviderMessage[]): Promise<SendResult[]> {
    try {
      return (await this.#breaker.execute(async () =>
        (await this.#inner.sendMany!(messages)).map((result) => this.#remember(result)),
      )) as SendResult[];
    } catch (error) {
      const open = this.#circuitOpen(error);
      return messages.map(() => open);
    }
  }

  session(): Promise<SessionState> {
    return this.#inner.session();
  }

  #circuitOpen(error: unknown): SendResult {
    if (!(error instanceof BrokenCircuitError)) throw error;
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
