import { MAX_BATCH } from './sqs.limits.ts';

/** What one entry of a batch call came to: its own failure, or nothing to report. */
export type EntryOutcome = Error | undefined;

interface Waiting<T> {
  readonly entry: T;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * Entries asked for in the same turn of the event loop, sent to SQS as one batch call per queue (at
 * most ten entries each). SQS bills per request and a batch of ten costs what one entry does; a worker
 * that finishes several messages at once then deletes them with one call instead of one each. Each
 * caller still learns the fate of its own entry.
 */
export class TurnBatches<T> {
  readonly #send: (queueUrl: string, entries: readonly T[]) => Promise<readonly EntryOutcome[]>;
  readonly #maxInFlight: number;
  readonly #waiting = new Map<string, Waiting<T>[]>();
  /** Full batches waiting for a call to finish, when `maxInFlight` are already out. */
  readonly #ready: [string, Waiting<T>[]][] = [];
  #inFlight = 0;
  #flushScheduled = false;

  /** `send` answers one outcome per entry, in order, or throws when the whole call failed. */
  constructor(send: (queueUrl: string, entries: readonly T[]) => Promise<readonly EntryOutcome[]>, maxInFlight = Number.POSITIVE_INFINITY) {
    this.#send = send;
    this.#maxInFlight = maxInFlight;
  }

  add(queueUrl: string, entry: T): Promise<void> {
    return new Promise((resolve, reject) => {
      let waiting = this.#waiting.get(queueUrl);
      if (waiting === undefined) {
        waiting = [];
        this.#waiting.set(queueUrl, waiting);
      }
      waiting.push({ entry, resolve, reject });
      if (waiting.length === MAX_BATCH) {
        this.#waiting.delete(queueUrl);
        this.#dispatch(queueUrl, waiting);
      } else if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#flushScheduled = false;
    const batches = [...this.#waiting];
    this.#waiting.clear();
    for (const [queueUrl, waiting] of batches) this.#dispatch(queueUrl, waiting);
  }

  #dispatch(queueUrl: string, waiting: Waiting<T>[]): void {
    if (this.#inFlight >= this.#maxInFlight) {
      this.#ready.push([queueUrl, waiting]);
      return;
    }
    this.#inFlight++;
    this.#send(
      queueUrl,
      waiting.map(({ entry }) => entry),
    )
      .then(
        (outcomes) =>
          waiting.forEach(({ resolve, reject }, index) => {
            const outcome = index < outcomes.length ? outcomes[index] : new Error('SQS answered nothing about this entry');
            if (outcome === undefined) resolve();
            else reject(outcome);
          }),
        (error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const { reject } of waiting) reject(failure);
        },
      )
      .finally(() => {
        this.#inFlight--;
        const next = this.#ready.shift();
        if (next !== undefined) this.#dispatch(...next);
      });
  }
}
