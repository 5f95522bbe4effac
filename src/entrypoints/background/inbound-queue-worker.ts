import type { Clock } from '../../application/ports/clock.port.ts';
import type { QueueConsumer, QueueName, ReceivedMessage } from '../../application/ports/job-queue.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { OperatorAlerts } from '../../application/ports/operator-alerts.port.ts';
import type { InboundHandler, QueueOutcome } from '../shared/inbound-queue-handlers.ts';
import { ReceivedBatch } from './received-batch.ts';

export interface InboundQueueWorkerOptions {
  readonly queue: QueueName;
  readonly consumer: QueueConsumer;
  readonly handle: InboundHandler;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly visibilityMs: number;
  readonly maxReceives: number;
  readonly waitMs: number;
  /** Messages asked for per receive (SQS hands out at most ten). */
  readonly batchSize: number;
  /**
   * Messages handled at the same time; `batchSize` unless given. Messages received beyond it wait in
   * hand, hidden, for a free place.
   */
  readonly concurrency?: number;
  /** Told when a message goes to its dead letters. */
  readonly alerts?: OperatorAlerts;
}

const MAX_RETRY_DELAY_MS = 300_000;
const RECEIVE_ERROR_PAUSE_MS = 2_000;

/**
 * Drains one inbound queue: each message is deleted only after it was handled, retried with backoff
 * when handling failed, and dead-lettered with its reason when it can never succeed or has failed too
 * often. A broken message never stops the others and never crashes the process.
 *
 * The messages of one receive are started together, in the same turn of the event loop, so that the
 * adapters behind them can write them in one transaction, and those done are deleted together (one
 * SQS call); the next receive travels while they are worked, so that the queue's round trip is not
 * waited for after each batch. At most `concurrency` messages are handled at once, and at most one
 * received batch waits in hand for places.
 */
export class InboundQueueWorker {
  readonly #options: InboundQueueWorkerOptions;
  readonly #concurrency: number;
  readonly #log: Logger;
  readonly #stopping = new AbortController();
  /** Received messages waiting for a place, in the order they came, each kept hidden meanwhile. */
  readonly #waiting: { readonly message: ReceivedMessage; readonly batch: ReceivedBatch; readonly heartbeat: NodeJS.Timeout }[] = [];
  /** Messages being handled: they hold the places. */
  #handling = 0;
  /** Every message taken from `#waiting` and not yet settled, for `stop` to wait on. */
  readonly #inHand = new Set<Promise<unknown>>();
  /** Wakes the receive loop when a place was freed (the waiting batch may have started). */
  #wake: (() => void) | undefined;
  #running: Promise<void> | undefined;

  constructor(options: InboundQueueWorkerOptions) {
    this.#options = options;
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? options.batchSize));
    this.#log = options.logger.child({ queue: options.queue });
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  /** Stops receiving and waits for the messages in hand (being handled or waiting for a place) to be settled. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#running;
  }

  /** Handles and settles one message on its own (a batch of one). */
  process(message: ReceivedMessage): Promise<QueueOutcome> {
    return this.#process(message, new ReceivedBatch(1), this.#keepHidden(message), () => undefined);
  }

  async #loop(): Promise<void> {
    const { consumer, queue, clock } = this.#options;
    while (!this.#stopping.signal.aborted) {
      // A batch still waiting for places is enough in hand: the next receive waits until it has started.
      if (this.#waiting.length > 0) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
        continue;
      }
      let messages: ReceivedMessage[];
      try {
        messages = await consumer.receive(queue, {
          max: this.#options.batchSize,
          visibilityMs: this.#options.visibilityMs,
          waitMs: this.#options.waitMs,
          signal: this.#stopping.signal,
        });
      } catch (error) {
        this.#log.error('could not receive from the queue', { error });
        await clock.sleep(RECEIVE_ERROR_PAUSE_MS, this.#stopping.signal);
        continue;
      }
      const batch = new ReceivedBatch(messages.length);
      for (const message of messages) this.#waiting.push({ message, batch, heartbeat: this.#keepHidden(message) });
      this.#startWaiting();
    }
    while (this.#inHand.size > 0) await Promise.all([...this.#inHand]);
  }

  /** Gives each free place to the next waiting message: a received batch with room for it starts in one go. */
  #startWaiting(): void {
    while (this.#handling < this.#concurrency && this.#waiting.length > 0) {
      const { message, batch, heartbeat } = this.#waiting.shift()!;
      this.#handling++;
      let placeFreed = false;
      const freePlace = (): void => {
        if (placeFreed) return;
        placeFreed = true;
        this.#handling--;
        this.#startWaiting();
        const wake = this.#wake;
        this.#wake = undefined;
        wake?.();
      };
      const work: Promise<unknown> = this.#process(message, batch, heartbeat, freePlace)
        .catch((error: unknown) => this.#log.error('queue message could not be worked', { error, messageId: message.id }))
        .finally(() => {
          freePlace();
          this.#inHand.delete(work);
        });
      this.#inHand.add(work);
    }
  }

  /**
   * `heartbeat` has kept the message hidden since it was received, and is stopped once it is settled;
   * `handled` is called as soon as the handler is done with it (its place may go to another message
   * while this one waits for the rest of its batch to be deleted together).
   */
  async #process(message: ReceivedMessage, batch: ReceivedBatch, heartbeat: NodeJS.Timeout, handled: () => void): Promise<QueueOutcome> {
    try {
      return await this.#handleAndSettle(message, batch, handled);
    } finally {
      clearInterval(heartbeat);
    }
  }

  async #handleAndSettle(message: ReceivedMessage, batch: ReceivedBatch, freePlace: () => void): Promise<QueueOutcome> {
    const { consumer, queue } = this.#options;
    // Made only when something is logged: most messages log nothing.
    let messageLog: Logger | undefined;
    const log = (): Logger => (messageLog ??= this.#log.child({ messageId: message.id, receiveCount: message.receiveCount }));
    // Decided before handling: a message whose handling ends the process (out of memory, a crash) never
    // reaches the decision after it, and would crash every restart for ever. A failure that was handled
    // is dead-lettered on its last allowed receive, so a message received once more than that never settled.
    if (message.receiveCount > this.#options.maxReceives) {
      freePlace();
      void batch.handled();
      const reason = `crashed the worker ${message.receiveCount - 1} times (received ${message.receiveCount} times without an outcome)`;
      log().error('queue message dead-lettered before handling', { reason });
      try {
        await consumer.deadLetter(queue, message, reason);
      } catch (error) {
        log().error('could not settle the queue message', { error });
      }
      return { kind: 'invalid', reason };
    }
    let outcome: QueueOutcome;
    try {
      outcome = await this.#options.handle(message.body);
    } catch (error) {
      log().error('queue message handling failed', { error });
      outcome = { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
    }
    freePlace();
    const batchHandled = batch.handled();
    try {
      if (outcome.kind === 'done') {
        await batchHandled;
        await consumer.ack(queue, message);
      } else if (outcome.kind === 'invalid') {
        log().warn('queue message dead-lettered: it can never be processed', { reason: outcome.reason });
        await consumer.deadLetter(queue, message, outcome.reason);
        this.#options.alerts?.raise({ kind: 'dead-lettered', queue, reason: outcome.reason });
      } else if (message.receiveCount >= this.#options.maxReceives) {
        const reason = `failed ${message.receiveCount} times; last error: ${outcome.reason}`;
        log().error('queue message dead-lettered', { reason });
        await consumer.deadLetter(queue, message, reason);
        this.#options.alerts?.raise({ kind: 'dead-lettered', queue, reason });
      } else {
        const delayMs = outcome.delayMs ?? Math.min(MAX_RETRY_DELAY_MS, 1_000 * 2 ** message.receiveCount);
        log().warn('queue message will be retried', { reason: outcome.reason, delayMs });
        await consumer.retryLater(queue, message, delayMs);
      }
    } catch (error) {
      // The message stays hidden until its visibility timeout, then comes back: not lost.
      log().error('could not settle the queue message', { error });
    }
    return outcome;
  }

  /** A long job (a big report) must not reappear to another consumer while it is still being worked. */
  #keepHidden(message: ReceivedMessage): NodeJS.Timeout {
    const { consumer, queue, visibilityMs } = this.#options;
    return setInterval(() => {
      consumer
        .extendVisibility(queue, message, visibilityMs)
        .catch((error: unknown) => this.#log.warn('could not extend visibility', { error }));
    }, visibilityMs / 2);
  }
}
