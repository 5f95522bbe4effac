const FREE_FAILURES = 5;
const FIRST_WAIT_MS = 1_000;
const LONGEST_WAIT_MS = 5 * 60 * 1_000;
const FORGET_AFTER_MS = 60 * 60 * 1_000;

interface Failures {
  count: number;
  lastAt: number;
}

/**
 * Slows down guessing the admin token from one address: after five wrong tokens, each further attempt
 * must wait twice as long as the one before (1 s, 2 s, 4 s… up to 5 min) after the last failure.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, Failures>();

  /** Milliseconds this address must still wait before its next attempt is even checked. */
  waitMs(address: string, now: Date): number {
    const failures = this.#failures.get(address);
    if (failures === undefined || failures.count < FREE_FAILURES) return 0;
    const wait = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures.count - FREE_FAILURES));
    return Math.max(0, failures.lastAt + wait - now.getTime());
  }

  failed(address: string, now: Date): void {
    this.#forget(now);
    const failures = this.#failures.get(address) ?? { count: 0, lastAt: 0 };
    failures.count++;
    failures.lastAt = now.getTime();
    this.#failures.set(address, failures);
  }

  succeeded(address: string): void {
    this.#failures.delete(address);
  }

  #forget(now: Date): void {
    for (const [address, failures] of this.#failures) {
      if (now.getTime() - failures.lastAt > FORGET_AFTER_MS) this.#failures.delete(address);
    }
  }
}
