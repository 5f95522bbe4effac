import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface Drained {
  /** When a first message was seen taken from the queue (performance.now()). */
  readonly firstTaken: number;
  /** When the queue held nothing, visible or in flight. */
  readonly queueEmpty: number;
  /** When `done` first said so. */
  readonly done: number;
}

const POLL_MS = 20;

/**
 * Watches a queue filled with `total` messages from outside, the same way for every consumer: the
 * clock starts when the first message is taken (so a process's own start is not counted) and stops when
 * `done` holds. Both are seen within one poll (20 ms).
 */
export async function watchDrain(
  sqs: SQSClient,
  queueUrl: string,
  total: number,
  done: (queueEmpty: boolean) => boolean,
  timeoutMs = 120_000,
): Promise<Drained> {
  const deadline = performance.now() + timeoutMs;
  let firstTaken: number | undefined;
  let queueEmpty: number | undefined;
  for (;;) {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    const now = performance.now();
    const visible = Number(Attributes.ApproximateNumberOfMessages);
    const inFlight = Number(Attributes.ApproximateNumberOfMessagesNotVisible);
    if (firstTaken === undefined && visible < total) firstTaken = now;
    if (queueEmpty === undefined && visible + inFlight === 0) queueEmpty = now;
    if (firstTaken !== undefined && done(queueEmpty !== undefined)) return { firstTaken, queueEmpty: queueEmpty ?? now, done: now };
    if (now > deadline) throw new Error(`the queue was not drained within ${timeoutMs} ms (${visible} visible, ${inFlight} in flight)`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
