import type { InboundQueue, JobQueue } from '../ports/job-queue.port.ts';

/**
 * Puts a body on one of CVT's inbound queues exactly as CVT's backend would, for runs without SQS.
 * The caller has validated it: a body that can never be processed is refused before it is queued.
 */
export class SubmitQueueMessage {
  readonly #queue: JobQueue;

  constructor(queue: JobQueue) {
    this.#queue = queue;
  }

  execute(queue: InboundQueue, body: string): Promise<string> {
    return this.#queue.send(queue, body);
  }
}
