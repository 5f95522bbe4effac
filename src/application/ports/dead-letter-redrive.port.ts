import type { QueueName } from './job-queue.port.ts';

/**
 * Gives dead-lettered messages another chance once their cause is fixed (a report written late, a
 * provider back): each goes back to the queue it died on, as a fresh message (its receive count starts
 * over), and leaves the dead letters. A message is never in both places at rest; a failure half-way
 * leaves a duplicate rather than a loss, which the queue's consumers already tolerate.
 */
export interface DeadLetterRedrive {
  /**
   * Moves every dead letter of `queue`, or only those whose id is listed (the id the message had on
   * its queue, as the dead-letter list shows it), and answers how many moved. Unknown ids are ignored.
   */
  redrive(queue: QueueName, ids?: readonly string[]): Promise<number>;
}
