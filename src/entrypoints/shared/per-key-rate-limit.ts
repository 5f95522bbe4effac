export interface RateLimitDecision {
  readonly allowed: boolean;
  /** When a refused caller may try again, in whole seconds (for `Retry-After`). */
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/**
 * A token bucket per key (a client id): up to `perMinute` requests at once, refilled evenly over a
 * minute. It lives in one process, which is what a server needs; each warm Lambda container keeps its
 * own, so there it only blunts a flood. Buckets are kept for the most recently seen keys only, so the
 * memory stays bounded whatever ids callers make up.
 */
export class PerKeyRateLimit {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #maxKeys: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  /** `perMinute` 0 turns the limit off. */
  constructor(perMinute: number, options: { now?: () => number; maxKeys?: number } = {}) {
    this.#capacity = perMinute;
    this.#perMs = perMinute / 60_000;
    this.#maxKeys = options.maxKeys ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  take(key: string): RateLimitDecision {
    if (this.#capacity === 0) return { allowed: true, retryAfterSeconds: 0 };
    const now = this.#now();
    const bucket = this.#refilled(key, now);
    // Re-inserting keeps the map in least-recently-seen order, so the oldest key is the one to drop.
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > this.#maxKeys) this.#buckets.delete(this.#buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1_000)) };
  }

  #refilled(key: string, now: number): Bucket {
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) return { tokens: this.#capacity, refilledAt: now };
    const elapsed = Math.max(0, now - bucket.refilledAt);
    return { tokens: Math.min(this.#capacity, bucket.tokens + elapsed * this.#perMs), refilledAt: now };
  }
}
