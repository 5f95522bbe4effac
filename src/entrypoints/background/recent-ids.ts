/**
 * The last `capacity` ids added, oldest forgotten first: what a long-running dispatcher remembers of the
 * deliveries it finished, in memory that does not grow with the number of deliveries it sends.
 */
export class RecentIds {
  readonly #capacity: number;
  readonly #ids = new Set<string>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#ids.size;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  add(id: string): void {
    // Added again: moves to the newest end, so it is kept as long as one just added.
    this.#ids.delete(id);
    this.#ids.add(id);
    if (this.#ids.size > this.#capacity) this.#ids.delete(this.#ids.values().next().value!);
  }

  clear(): void {
    this.#ids.clear();
  }
}
