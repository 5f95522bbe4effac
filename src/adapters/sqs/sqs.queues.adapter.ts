import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { BatchResultErrorEntry, SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import type { DispatchQueue } from '../../application/ports/dispatch-queue.port.ts';
import type {
  InboundQueue,
  JobQueue,
  QueueConsumer,
  QueueName,
  ReceivedMessage,
  ReceiveOptions,
} from '../../application/ports/job-queue.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { ReadinessCheck, ReadinessProbe } from '../../application/ports/readiness.port.ts';
import type { SqsConfig } from './sqs.config.ts';
import {
  MAX_BATCH,
  MAX_MESSAGE_BYTES,
  MAX_VISIBILITY_SECONDS,
  MAX_WAIT_SECONDS,
  messageBytes,
  secondsWithin,
  sqsText,
  truncateUtf8,
} from './sqs.limits.ts';
import type { StringAttribute } from './sqs.limits.ts';
import { TurnBatches, type EntryOutcome } from './sqs.turn-batches.ts';

export interface SqsQueueUrls {
  readonly 'offline-reports': string;
  readonly 'offline-alerts': string;
  /** Only in deployments where SQS carries delivery ids to the dispatcher. */
  readonly dispatch?: string | undefined;
}

/** A received message this consumer still holds, on its way to being deleted. */
interface HeldMessage {
  readonly queue: QueueName;
  readonly message: ReceivedMessage;
}

export interface SqsQueuesOptions {
  readonly urls: SqsQueueUrls;
  /** Dead-letter queues given by configuration; the others are found from each queue's RedrivePolicy. */
  readonly deadLetterUrls?: Readonly<Partial<Record<QueueName, string | undefined>>>;
  readonly logger: Logger;
}

/** Message attributes of a dead-lettered message (AWS's own redrive adds none: those had no reason). */
export const DEAD_LETTER_ATTRIBUTES = {
  reason: 'cvt-dead-letter-reason',
  sourceQueue: 'cvt-source-queue',
  sourceQueueUrl: 'cvt-source-queue-url',
  sourceMessageId: 'cvt-source-message-id',
  receiveCount: 'cvt-receive-count',
} as const;

/** Long enough for any reason the service gives, short enough to read in the console. */
const MAX_REASON_BYTES = 1_024;
/** Dispatch batches sent at the same time. */
const PUBLISH_CONCURRENCY = 4;

/** A batch entry SQS would not take, even when asked again: its code and message. */
class EntryRefused extends Error {
  override readonly name = 'EntryRefused';
}

/** SendMessage refused before it leaves: SQS takes at most 1 MiB (docs/contracts/aws.md §3). */
export class SqsMessageTooLargeError extends Error {
  readonly bytes: number;
  readonly limit = MAX_MESSAGE_BYTES;

  constructor(queue: QueueName, bytes: number) {
    super(`the message for ${queue} is ${bytes} bytes; SQS takes at most ${MAX_MESSAGE_BYTES} bytes (1 MiB)`);
    this.name = 'SqsMessageTooLargeError';
    this.bytes = bytes;
  }
}

/**
 * CVT's inbound queues and the dispatch queue on Amazon SQS. Visibility, receive counts and the
 * dead-letter redrive after `maxReceiveCount` are SQS's own; this adapter adds dead-lettering *with a
 * reason*, which SQS's redrive cannot: the message is copied to the queue's dead-letter queue with the
 * reason as a message attribute, then deleted.
 *
 * Errors: an SDK failure that is an outage (network, throttling after the SDK's retries, access denied,
 * a missing queue) is thrown with the SDK error as `cause`, so the worker retries; a receipt that is no
 * longer ours (the visibility timeout ran out and someone else may hold the message) is not an error,
 * as in the embedded queue: the message simply comes back.
 */
export class SqsQueues implements JobQueue, QueueConsumer, DispatchQueue, ReadinessProbe {
  readonly name = 'sqs';
  readonly #client: SQSClient;
  readonly #urls: SqsQueueUrls;
  readonly #log: Logger;
  /** Configured or discovered dead-letter queue URLs; a failed discovery is forgotten and tried again. */
  readonly #deadLetterUrls = new Map<QueueName, Promise<string | undefined>>();
  readonly #deletes = new TurnBatches<HeldMessage>((url, held) => this.#delete(url, held));
  readonly #publishes = new TurnBatches<string>((url, deliveryIds) => this.#sendBatch(url, deliveryIds), PUBLISH_CONCURRENCY);

  constructor(client: SQSClient, options: SqsQueuesOptions) {
    this.#client = client;
    this.#urls = options.urls;
    this.#log = options.logger.child({ component: 'sqs' });
    for (const [queue, url] of Object.entries(options.deadLetterUrls ?? {})) {
      if (url !== undefined) this.#deadLetterUrls.set(queue as QueueName, Promise.resolve(url));
    }
  }

  async send(queue: InboundQueue, body: string): Promise<string> {
    const url = this.#url(queue);
    const bytes = messageBytes(body);
    if (bytes > MAX_MESSAGE_BYTES) throw new SqsMessageTooLargeError(queue, bytes);
    if (body === '') throw new Error(`the message for ${queue} is empty; SQS cannot carry an empty body`);
    const { MessageId } = await this.#call('SendMessage', queue, () =>
      this.#client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body })),
    );
    if (MessageId === undefined) throw new Error(`SQS SendMessage on ${queue} answered without a message id`);
    return MessageId;
  }

  /**
   * `{"deliveryId": "…"}` bodies, ten to a SendMessageBatch, gathered with the ids other intakes publish
   * in the same turn. A batch call succeeds even when some of its entries fail, so `Failed` is checked;
   * those are retried once, and any still failing are thrown (after the other batches were sent),
   * because the intake must know what was not queued.
   */
  async publish(deliveryIds: readonly string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    const url = this.#url('dispatch');
    const settled = await Promise.allSettled(deliveryIds.map((deliveryId) => this.#publishes.add(url, deliveryId)));
    const notQueued: string[] = [];
    const refusals = new Set<string>();
    const outages = new Set<unknown>();
    settled.forEach((result, index) => {
      if (result.status === 'fulfilled') return;
      if (result.reason instanceof EntryRefused) {
        notQueued.push(deliveryIds[index]!);
        refusals.add(result.reason.message);
      } else {
        outages.add(result.reason);
      }
    });
    if (notQueued.length === 0 && outages.size === 0) return;
    const problems = [...outages].map((outage) => (outage instanceof Error ? outage.message : String(outage)));
    if (notQueued.length > 0)
      problems.push(`${notQueued.length} not queued after a retry [${notQueued.join(', ')}]: ${[...refusals].join(', ')}`);
    const cause = outages.size <= 1 ? [...outages][0] : new AggregateError([...outages], 'several SendMessageBatch calls failed');
    throw new Error(
      `SQS did not queue every delivery id on the dispatch queue: ${problems.join('; ')}`,
      cause === undefined ? undefined : { cause },
    );
  }

  async receive(queue: QueueName, options: ReceiveOptions): Promise<ReceivedMessage[]> {
    const url = this.#url(queue);
    const { signal } = options;
    if (aborted(signal)) return [];
    try {
      const { Messages = [] } = await this.#client.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: Math.min(MAX_BATCH, Math.max(1, Math.floor(options.max))),
          VisibilityTimeout: secondsWithin(options.visibilityMs, MAX_VISIBILITY_SECONDS),
          // Long polling: SQS answers as soon as a message arrives, or empty after the wait.
          WaitTimeSeconds: secondsWithin(options.waitMs, MAX_WAIT_SECONDS),
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
        signal === undefined ? {} : { abortSignal: signal },
      );
      return Messages.flatMap((message) => {
        if (message.MessageId === undefined || message.ReceiptHandle === undefined) return [];
        const receiveCount = Number(message.Attributes?.ApproximateReceiveCount);
        return [
          {
            id: message.MessageId,
            body: message.Body ?? '',
            receiveCount: Number.isInteger(receiveCount) && receiveCount > 0 ? receiveCount : 1,
            receipt: message.ReceiptHandle,
          },
        ];
      });
    } catch (error) {
      // Shutdown: the wait ends and nothing is returned. Should SQS have taken messages for the
      // abandoned request, they come back after their visibility timeout.
      if (aborted(signal)) return [];
      throw this.#failure('ReceiveMessage', queue, error);
    }
  }

  /** Messages acknowledged in the same turn are deleted together (DeleteMessageBatch), each still settled on its own. */
  async ack(queue: QueueName, message: ReceivedMessage): Promise<void> {
    await this.#deletes.add(this.#url(queue), { queue, message });
  }

  async retryLater(queue: QueueName, message: ReceivedMessage, delayMs: number): Promise<void> {
    await this.#changeVisibility(queue, message, delayMs);
  }

  async extendVisibility(queue: QueueName, message: ReceivedMessage, ms: number): Promise<void> {
    await this.#changeVisibility(queue, message, ms);
  }

  /**
   * Copies the message to the queue's dead-letter queue with the reason, then deletes it: in that order,
   * so that a failure between the two leaves a duplicate, never a loss. Without a dead-letter queue the
   * message is left alone (deleting it would lose it): it comes back after its visibility timeout.
   */
  async deadLetter(queue: QueueName, message: ReceivedMessage, reason: string): Promise<void> {
    const deadLetterUrl = await this.#deadLetterUrl(queue);
    if (deadLetterUrl === undefined) {
      this.#log.error('queue has no dead-letter queue: the message is kept and comes back after its visibility timeout', {
        queue,
        messageId: message.id,
        reason,
      });
      return;
    }
    const attributes = this.#deadLetterAttributes(queue, message, reason);
    if (attributes === undefined) {
      this.#log.warn('dead-letter reason left off: the body leaves no room for message attributes', {
        queue,
        messageId: message.id,
        reason,
      });
    }
    await this.#call('SendMessage', `${queue} dead-letter queue`, () =>
      this.#client.send(
        new SendMessageCommand({
          QueueUrl: deadLetterUrl,
          MessageBody: message.body,
          ...(attributes === undefined ? {} : { MessageAttributes: attributes }),
        }),
      ),
    );
    await this.ack(queue, message);
  }

  /** Readiness: every configured queue answers GetQueueAttributes. Never throws. */
  async check(): Promise<ReadinessCheck> {
    const queues = (Object.entries(this.#urls) as [QueueName, string | undefined][]).filter(
      (entry): entry is [QueueName, string] => entry[1] !== undefined,
    );
    const failures = (
      await Promise.all(
        queues.map(async ([queue, url]) => {
          try {
            await this.#client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
            return undefined;
          } catch (error) {
            return `${queue}: ${describeError(error)}`;
          }
        }),
      )
    ).filter((failure) => failure !== undefined);
    return failures.length === 0
      ? { ok: true, detail: `${queues.length} queues reachable (${queues.map(([queue]) => queue).join(', ')})` }
      : { ok: false, detail: failures.join('; ') };
  }

  /** For the redrive, which works on the same client and queues (sqs.dead-letter-redrive.ts). */
  get client(): SQSClient {
    return this.#client;
  }

  queueUrl(queue: QueueName): string {
    return this.#url(queue);
  }

  deadLetterQueueUrl(queue: QueueName): Promise<string | undefined> {
    return this.#deadLetterUrl(queue);
  }

  /** Closes the client's sockets; the queues are unusable afterwards. */
  close(): void {
    this.#client.destroy();
  }

  /** One batch, its failed entries retried once; each entry still failing answers why. */
  async #sendBatch(url: string, deliveryIds: readonly string[]): Promise<readonly EntryOutcome[]> {
    const entries = deliveryIds.map((deliveryId, index) => ({ Id: `m${index}`, MessageBody: JSON.stringify({ deliveryId }) }));
    let pending: SendMessageBatchRequestEntry[] = entries;
    let failed = new Map<string | undefined, BatchResultErrorEntry>();
    for (let attempt = 0; attempt < 2 && pending.length > 0; attempt++) {
      const answer = await this.#call('SendMessageBatch', 'dispatch', () =>
        this.#client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [...pending] })),
      );
      failed = new Map((answer.Failed ?? []).map((entry) => [entry.Id, entry]));
      pending = pending.filter((entry) => failed.has(entry.Id));
    }
    const stillPending = new Set(pending.map((entry) => entry.Id));
    return entries.map((entry) => {
      if (!stillPending.has(entry.Id)) return undefined;
      const failure = failed.get(entry.Id);
      return new EntryRefused(`${failure?.Code ?? 'unknown'}${failure?.Message === undefined ? '' : ` (${failure.Message})`}`);
    });
  }

  async #delete(url: string, held: readonly HeldMessage[]): Promise<readonly EntryOutcome[]> {
    if (held.length === 1) {
      const [{ queue, message }] = held as [HeldMessage];
      await this.#settle('DeleteMessage', queue, message, () =>
        this.#client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.receipt })),
      );
      return [undefined];
    }
    const { queue } = held[0]!;
    const { Failed = [] } = await this.#call('DeleteMessageBatch', queue, () =>
      this.#client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: url,
          Entries: held.map(({ message }, index) => ({ Id: `m${index}`, ReceiptHandle: message.receipt })),
        }),
      ),
    );
    const failures = new Map(Failed.map((failure) => [failure.Id, failure]));
    return held.map(({ message }, index) => {
      const failure = failures.get(`m${index}`);
      if (failure === undefined) return undefined;
      const description = `${failure.Code ?? 'unknown'}: ${failure.Message ?? 'no message'}`;
      if (isStaleReceipt(failure.Code ?? '', failure.Message ?? '')) {
        this.#warnStale('DeleteMessageBatch', queue, message, description);
        return undefined;
      }
      return new Error(`SQS DeleteMessageBatch on ${queue} did not delete message ${message.id}: ${description}`);
    });
  }

  async #changeVisibility(queue: QueueName, message: ReceivedMessage, ms: number): Promise<void> {
    const url = this.#url(queue);
    // SQS caps a message's total invisibility at 12 hours from its receipt; a longer request is
    // refused (and thrown), which the worker treats like any failure to settle: the message comes back.
    const seconds = secondsWithin(ms, MAX_VISIBILITY_SECONDS);
    await this.#settle('ChangeMessageVisibility', queue, message, () =>
      this.#client.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: message.receipt, VisibilityTimeout: seconds })),
    );
  }

  /** An operation on a receipt: a receipt that is no longer valid is logged, not thrown. */
  async #settle(operation: string, queue: QueueName, message: ReceivedMessage, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (error instanceof Error && isStaleReceipt(error.name, error.message)) {
        this.#warnStale(operation, queue, message, describeError(error));
        return;
      }
      throw this.#failure(operation, queue, error);
    }
  }

  #warnStale(operation: string, queue: QueueName, message: ReceivedMessage, error: string): void {
    this.#log.warn('the message is no longer held by this consumer (visibility timeout ran out)', {
      queue,
      operation,
      messageId: message.id,
      error,
    });
  }

  /**
   * The configured dead-letter queue, else the one named by the queue's RedrivePolicy
   * (`deadLetterTargetArn` = arn:aws:sqs:<region>:<account>:<name>), looked up once by name and account.
   */
  #deadLetterUrl(queue: QueueName): Promise<string | undefined> {
    const known = this.#deadLetterUrls.get(queue);
    if (known !== undefined) return known;
    const discovery = this.#discoverDeadLetterUrl(queue);
    this.#deadLetterUrls.set(queue, discovery);
    // Only a found queue is kept: a failure, or a queue without one (a RedrivePolicy may be added
    // later), is looked up again next time.
    discovery.then(
      (url) => url === undefined && this.#deadLetterUrls.delete(queue),
      () => this.#deadLetterUrls.delete(queue),
    );
    return discovery;
  }

  async #discoverDeadLetterUrl(queue: QueueName): Promise<string | undefined> {
    const url = this.#url(queue);
    const { Attributes } = await this.#call('GetQueueAttributes', queue, () =>
      this.#client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['RedrivePolicy'] })),
    );
    const policy = Attributes?.RedrivePolicy;
    if (policy === undefined || policy === '') return undefined;
    let targetArn: unknown;
    try {
      targetArn = (JSON.parse(policy) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
    } catch (error) {
      throw new Error(`the RedrivePolicy of ${queue} is not JSON`, { cause: error });
    }
    const arn = typeof targetArn === 'string' ? /^arn:[^:]+:sqs:[^:]*:(\d*):([^:]+)$/u.exec(targetArn) : null;
    if (arn === null) throw new Error(`the RedrivePolicy of ${queue} names no dead-letter queue ARN: ${String(targetArn)}`);
    const [, account, name] = arn;
    const { QueueUrl } = await this.#call('GetQueueUrl', `${queue} dead-letter queue`, () =>
      this.#client.send(new GetQueueUrlCommand({ QueueName: name, ...(account === '' ? {} : { QueueOwnerAWSAccountId: account }) })),
    );
    if (QueueUrl === undefined) throw new Error(`SQS GetQueueUrl of ${name} answered without a URL`);
    return QueueUrl;
  }

  /**
   * The reason and where the message came from, as message attributes. Attributes count towards the
   * 1 MiB a message may weigh, so the reason is cut to what the body leaves; undefined when not even
   * the fixed attributes fit beside the body (which still goes, alone).
   */
  #deadLetterAttributes(queue: QueueName, message: ReceivedMessage, reason: string): Record<string, StringAttribute> | undefined {
    const fixed: Record<string, StringAttribute> = {
      [DEAD_LETTER_ATTRIBUTES.sourceQueue]: { DataType: 'String', StringValue: queue },
      [DEAD_LETTER_ATTRIBUTES.sourceQueueUrl]: { DataType: 'String', StringValue: this.#url(queue) },
      [DEAD_LETTER_ATTRIBUTES.sourceMessageId]: { DataType: 'String', StringValue: message.id },
      [DEAD_LETTER_ATTRIBUTES.receiveCount]: { DataType: 'Number', StringValue: String(message.receiveCount) },
    };
    const room =
      MAX_MESSAGE_BYTES -
      messageBytes(message.body, fixed) -
      Buffer.byteLength(DEAD_LETTER_ATTRIBUTES.reason) -
      Buffer.byteLength('String');
    // An attribute value may not be empty; one character of reason is the least worth sending.
    if (room < 4) return undefined;
    const text = truncateUtf8(sqsText(reason.trim() === '' ? '(no reason given)' : reason), Math.min(MAX_REASON_BYTES, room));
    return { [DEAD_LETTER_ATTRIBUTES.reason]: { DataType: 'String', StringValue: text }, ...fixed };
  }

  #url(queue: QueueName): string {
    const url = this.#urls[queue];
    if (url === undefined) throw new Error(`no SQS queue is configured for ${queue} (SQS_DISPATCH_URL is not set)`);
    return url;
  }

  async #call<T>(operation: string, queue: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw this.#failure(operation, queue, error);
    }
  }

  #failure(operation: string, queue: string, error: unknown): Error {
    return new Error(`SQS ${operation} on ${queue} failed: ${describeError(error)}`, { cause: error });
  }
}

/** Builds the client from the settings; credentials come from the default provider chain. */
export function createSqsQueues(settings: SqsConfig, logger: Logger): SqsQueues {
  const client = new SQSClient({
    region: settings.AWS_REGION,
    ...(settings.SQS_ENDPOINT === undefined ? {} : { endpoint: settings.SQS_ENDPOINT }),
    // Long polls last up to 20 s; past that plus a margin the connection is stalled, not waiting.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: (MAX_WAIT_SECONDS + 10) * 1_000, throwOnRequestTimeout: true },
    // The SDK's MD5 of every body sent and received repeats what HTTPS to AWS already guarantees (TLS
    // refuses altered bytes), at a hash per message on the worker's hot path.
    md5: false,
  });
  // We give the SDK no logger, yet its logging middleware filters every request and answer for one.
  client.middlewareStack.remove('loggerMiddleware');
  return new SqsQueues(client, {
    urls: {
      'offline-reports': settings.SQS_OFFLINE_REPORTS_URL,
      'offline-alerts': settings.SQS_OFFLINE_ALERTS_URL,
      dispatch: settings.SQS_DISPATCH_URL,
    },
    deadLetterUrls: {
      'offline-reports': settings.SQS_OFFLINE_REPORTS_DLQ_URL,
      'offline-alerts': settings.SQS_OFFLINE_ALERTS_DLQ_URL,
      dispatch: settings.SQS_DISPATCH_DLQ_URL,
    },
    logger,
  });
}

/** A function, not `signal?.aborted` inline: the abort happens while awaiting, which narrowing cannot see. */
function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/**
 * AWS answers ReceiptHandleIsInvalid or MessageNotInflight (older endpoints: InvalidParameterValue
 * naming the receipt handle) once a receipt expired or the message was taken again; a batch entry
 * carries the same code and message.
 */
function isStaleReceipt(code: string, message: string): boolean {
  if (code === 'ReceiptHandleIsInvalid' || code === 'MessageNotInflight') return true;
  return /receipt ?handle/iu.test(message) && /invalid|expired|not available|does not exist/iu.test(message);
}

/** The SDK error's name and message: AWS never echoes the secret key, and we add nothing of the request. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return `${error.name}${status === undefined ? '' : ` (HTTP ${status})`}: ${error.message}`;
}
