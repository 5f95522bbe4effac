import type { Clock } from '../../src/application/ports/clock.port.ts';

/**
 * Time that passes only as fast as sleepers need: concurrent sleeps wake one at a time in the order of
 * their deadlines, each at exactly its deadline, and the woken task runs before time moves on.
 */
export class VirtualClock implements Clock {
  #now: number;
  readonly #sleepers: { at: number; wake: () => void }[] = [];
  #scheduled = false;

  constructor(start = 0) {
    this.#now = start;
  }

  now(): Date {
    return new Date(this.#now);
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((wake) => {
      this.#sleepers.push({ at: this.#now + ms, wake });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate lets every concurrent task register its sleep before the earliest one wakes.
    setImmediate(() => {
      this.#scheduled = false;
      this.#sleepers.sort((a, b) => a.at - b.at);
      const next = this.#sleepers.shift();
      if (next === undefined) return;
      this.#now = Math.max(this.#now, next.at);
      next.wake();
      if (this.#sleepers.length > 0) this.#schedule();
    });
  }
}
