/** CVT's inbound queues (SQS `whatsapp-informes` and `notificaciones-controles` in AWS). */
export const INBOUND_QUEUES = ['offline-reports', 'offline-alerts'] as const;
export type InboundQueue = (typeof INBOUND_QUEUES)[number];

export function isInboundQueue(value: string): value is InboundQueue {
  return (INBOUND_QUEUES as readonly string[]).includes(value);
}

/**
 * Every queue a consumer reads: the inbound ones, and the dispatch queue of deployments where SQS carries
 * delivery ids to the dispatcher (`cvt-whatsapp-dispatch`); the embedded server dispatches from its ledger.
 */
export type QueueName = InboundQueue | 'dispatch';

export interface JobQueue {
  /** Queues a body exactly as CVT's backend sends it; returns the message id. */
  send(queue: InboundQueue, body: string): Promise<string>;
}

export interface ReceivedMessage {
  readonly id: string;
  readonly body: string;
  /** 1 on first delivery; grows each time the message comes back. */
  readonly receiveCount: number;
  /** Identifies this receipt of the message for ack, retry and dead-lettering. */
  readonly receipt: string;
}

export interface ReceiveOptions {
  readonly max: number;
  /** How long the message stays hidden from other consumers while it is being worked. */
  readonly visibilityMs: number;
  /** Long polling: how long to wait for a message before returning none. */
  readonly waitMs: number;
  /** Ends the wait early (shutdown); messages already taken are still returned. */
  readonly signal?: AbortSignal;
}

export interface DeadLetter {
  readonly id: string;
  readonly queue: QueueName;
  readonly body: string;
  readonly reason: string;
  readonly receiveCount: number;
  readonly deadAt: Date;
}

/**
 * The consuming side of a durable queue. A message is deleted only by `ack`; one that is neither
 * acked nor retried comes back after its visibility timeout.
 */
export interface QueueConsumer {
  receive(queue: QueueName, options: ReceiveOptions): Promise<ReceivedMessage[]>;
  ack(queue: QueueName, message: ReceivedMessage): Promise<void>;
  /** Makes the message visible again after `delayMs`. */
  retryLater(queue: QueueName, message: ReceivedMessage, delayMs: number): Promise<void>;
  /** Keeps a message being worked hidden for another `ms`, so that nobody else takes it meanwhile. */
  extendVisibility(queue: QueueName, message: ReceivedMessage, ms: number): Promise<void>;
  /** Moves the message to the queue's dead-letter store, with the reason it can never be processed. */
  deadLetter(queue: QueueName, message: ReceivedMessage, reason: string): Promise<void>;
}

/** Reading what was dead-lettered (the embedded store; AWS keeps its own dead-letter queues). */
export interface DeadLetterReader {
  deadLetters(queue: InboundQueue, limit: number): Promise<DeadLetter[]>;
  /** Messages waiting or in flight, for metrics and readiness. */
  depth(queue: InboundQueue): Promise<number>;
}
