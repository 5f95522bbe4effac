import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetterRedrive } from '../../application/ports/dead-letter-redrive.port.ts';
import type { QueueName } from '../../application/ports/job-queue.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import { DEAD_LETTER_ATTRIBUTES } from './sqs.queues.adapter.ts';
import { MAX_BATCH } from './sqs.limits.ts';

export interface RedriveQueues {
  readonly client: SQSClient;
  queueUrl(queue: QueueName): string;
  deadLetterQueueUrl(queue: QueueName): Promise<string | undefined>;
}

/** Held long enough to move a whole dead-letter queue; released at once when left where it is. */
const HOLD_SECONDS = 120;
/** A dead-letter queue larger than this is redriven in several calls. */
const MAX_MESSAGES_PER_CALL = 5_000;

/**
 * Redrive on SQS: each message of the dead-letter queue is sent back to its source queue, then deleted
 * from the dead-letter queue (in that order: a failure between the two leaves a duplicate, never a
 * loss). Done by receiving rather than with StartMessageMoveTask, so that single messages can be chosen
 * and the move is finished when the call answers. A message is chosen by the id it had on its queue
 * (the `cvt-source-message-id` attribute this service adds) or, for those AWS moved itself, by its own id.
 */
export class SqsDeadLetterRedrive implements DeadLetterRedrive {
  readonly #queues: RedriveQueues;
  readonly #log: Logger;

  constructor(queues: RedriveQueues, logger: Logger) {
    this.#queues = queues;
    this.#log = logger.child({ component: 'sqs-redrive' });
  }

  async redrive(queue: QueueName, ids?: readonly string[]): Promise<number> {
    const source = this.#queues.queueUrl(queue);
    const deadLetters = await this.#queues.deadLetterQueueUrl(queue);
    if (deadLetters === undefined) return 0;
    const wanted = ids === undefined ? undefined : new Set(ids);
    const client = this.#queues.client;
    const seen = new Set<string>();
    const leftAlone: Message[] = [];
    let moved = 0;
    try {
      while (seen.size < MAX_MESSAGES_PER_CALL) {
        const { Messages = [] } = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: deadLetters,
            MaxNumberOfMessages: MAX_BATCH,
            // Short polls may miss messages on AWS; one second of long polling sees them all.
            WaitTimeSeconds: 1,
            VisibilityTimeout: HOLD_SECONDS,
            MessageAttributeNames: ['All'],
          }),
        );
        const fresh = Messages.filter((message) => message.MessageId !== undefined && !seen.has(message.MessageId));
        if (fresh.length === 0) break;
        for (const message of fresh) {
          seen.add(message.MessageId!);
          if (wanted !== undefined && !wanted.has(message.MessageId!) && !wanted.has(sourceId(message) ?? '')) {
            leftAlone.push(message);
            continue;
          }
          await client.send(new SendMessageCommand({ QueueUrl: source, MessageBody: message.Body ?? '' }));
          await client.send(new DeleteMessageCommand({ QueueUrl: deadLetters, ReceiptHandle: message.ReceiptHandle }));
          moved++;
        }
      }
    } catch (error) {
      throw new Error(`SQS redrive of ${queue} stopped after ${moved} messages: ${describe(error)}`, { cause: error });
    } finally {
      await this.#release(deadLetters, queue, leftAlone);
    }
    return moved;
  }

  /** Those not chosen are visible again at once, not after the hold. */
  async #release(url: string, queue: QueueName, messages: readonly Message[]): Promise<void> {
    for (let start = 0; start < messages.length; start += MAX_BATCH) {
      const batch = messages.slice(start, start + MAX_BATCH);
      try {
        await this.#queues.client.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: url,
            Entries: batch.map((message, index) => ({ Id: `m${index}`, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 })),
          }),
        );
      } catch (error) {
        this.#log.warn('dead letters left alone stay hidden until their visibility timeout ends', {
          queue,
          count: batch.length,
          error,
        });
      }
    }
  }
}

function sourceId(message: Message): string | undefined {
  return message.MessageAttributes?.[DEAD_LETTER_ATTRIBUTES.sourceMessageId]?.StringValue;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
