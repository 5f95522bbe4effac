/**
 * The messages of one receive, for deleting together: a message handled successfully waits until
 * every message of its receive has been handled (whatever their outcome), so that their deletes are
 * asked for in one turn and the queue's adapter sends them as one call (SQS DeleteMessageBatch) instead
 * of one call per message finished at its own moment. Waiting only delays a delete: the message stays
 * hidden meanwhile, and its work is already done.
 */
export class ReceivedBatch {
  #unhandled: number;
  #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#unhandled = size;
  }

  /** Says one message of the batch has been handled; answers once all of them have. Called once per message. */
  handled(): Promise<void> {
    this.#unhandled--;
    if (this.#unhandled > 0) return new Promise((resolve) => this.#waiting.push(resolve));
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const resolve of waiting) resolve();
    return Promise.resolve();
  }
}
