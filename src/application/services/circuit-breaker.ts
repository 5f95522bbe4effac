/**
 * What a caller may do now: call as usual (`closed`), make the one trial call of a half-open circuit
 * (`trial`), or not call at all (`refused`). The permit goes back with the call's outcome.
 */
export type CircuitPermit = 'closed' | 'trial' | 'refused';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Failures in a row, among calls answered while closed, that open the circuit. */
  readonly failuresToOpen: number;
  /** How long an open circuit refuses calls before it lets one trial through. */
  readonly halfOpenAfterMs: number;
  /** Milliseconds since any fixed point; read only while the circuit is open. */
  readonly now: () => number;
  readonly onOpen: () => void;
  readonly onHalfOpen: () => void;
  readonly onClose: () => void;
}

/**
 * A consecutive-failures circuit breaker, as plain state: closed until `failuresToOpen` calls in a row
 * failed, then open (every call refused) for `halfOpenAfterMs`, then half-open: the next call is the one
 * trial, the others are refused while it runs; its success closes the circuit, its failure opens it again.
 *
 * It never waits and never calls anything itself, so a call costs the caller no extra promise or frame:
 * ask for a permit, make the call, give the permit back with the outcome. An answer to a call permitted
 * while closed that comes back once the circuit has opened counts for nothing: the circuit stays as it is
 * (a provider that answers late once does not prove it is back) and only the trial decides.
 */
export class CircuitBreaker {
  readonly #options: CircuitBreakerOptions;
  #state: CircuitState = 'closed';
  #failuresInARow = 0;
  #openedAt = 0;

  constructor(options: CircuitBreakerOptions) {
    this.#options = options;
  }

  get state(): CircuitState {
    return this.#state;
  }

  permit(): CircuitPermit {
    if (this.#state === 'closed') return 'closed';
    if (this.#state === 'half-open') return 'refused';
    if (this.#options.now() - this.#openedAt < this.#options.halfOpenAfterMs) return 'refused';
    this.#state = 'half-open';
    this.#options.onHalfOpen();
    return 'trial';
  }

  /** The outcome of a permitted call: `failed` when it failed in a way that counts against the callee. */
  record(permit: CircuitPermit, failed: boolean): void {
    if (permit === 'trial') {
      if (failed) this.#open();
      else this.#close();
      return;
    }
    if (permit !== 'closed' || this.#state !== 'closed') return;
    if (!failed) this.#failuresInARow = 0;
    else if (++this.#failuresInARow >= this.#options.failuresToOpen) this.#open();
  }

  #open(): void {
    this.#state = 'open';
    this.#openedAt = this.#options.now();
    this.#options.onOpen();
  }

  #close(): void {
    this.#state = 'closed';
    this.#failuresInARow = 0;
    this.#options.onClose();
  }
}
