import type { Clock } from '../../src/application/ports/clock.port.ts';

/** Time that moves only when told to; sleeping moves it, so retries and leases come due at once. */
export class FakeClock implements Clock {
  #now: number;

  constructor(start = Date.parse('2026-11-23T14:00:00Z')) {
    this.#now = start;
  }

  now(): Date {
    return new Date(this.#now);
  }

  advance(ms: number): void {
    this.#now += ms;
  }

  async sleep(ms: number): Promise<void> {
    if (ms > 0) this.#now += ms;
  }
}
