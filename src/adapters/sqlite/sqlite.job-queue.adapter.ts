import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Clock } from '../../application/ports/clock.port.ts';
import type { DeadLetterRedrive } from '../../application/ports/dead-letter-redrive.port.ts';
import type {
  DeadLetter,
  DeadLetterReader,
  InboundQueue,
  JobQueue,
  QueueConsumer,
  QueueName,
  ReceivedMessage,
  ReceiveOptions,
} from '../../application/ports/job-queue.port.ts';
import { groupCommitOf, type GroupCommit } from './sqlite.group-commit.ts';

interface MessageRow {
  id: string;
  body: string;
  receive_count: number;
  receipt: string;
}

/** How soon a message queued by another process (the CLI) is seen. */
const POLL_INTERVAL_MS = 250;

/**
 * CVT's inbound queues in the embedded database, with SQS's semantics: a received message is hidden
 * for its visibility timeout and comes back unless acknowledged; a dead-lettered one is kept with
 * its reason.
 */
export class SqliteJobQueue implements JobQueue, QueueConsumer, DeadLetterReader, DeadLetterRedrive {
  /** Shared with the ledger on the same connection: a worker's record and ack land in one transaction. */
  readonly #commit: GroupCommit;
  readonly #clock: Clock;
  readonly #statements: Record<
    'insert' | 'visible' | 'take' | 'delete' | 'delay' | 'bury' | 'deadLetters' | 'depth' | 'buried' | 'revive' | 'unbury',
    StatementSync
  >;

  constructor(db: DatabaseSync, clock: Clock) {
    this.#commit = groupCommitOf(db);
    this.#clock = clock;
    this.#statements = {
      insert: db.prepare('INSERT INTO queue_messages (id, queue, body, visible_at, created_at) VALUES (?, ?, ?, ?, ?)'),
      visible: db.prepare('SELECT id FROM queue_messages WHERE queue = ? AND visible_at <= ? ORDER BY visible_at, created_at LIMIT ?'),
      take: db.prepare(
        `UPDATE queue_messages SET receive_count = receive_count + 1, receipt = ?, visible_at = ?
         WHERE id = ? AND visible_at <= ? RETURNING id, body, receive_count, receipt`,
      ),
      delete: db.prepare('DELETE FROM queue_messages WHERE id = ? AND receipt = ?'),
      delay: db.prepare('UPDATE queue_messages SET visible_at = ? WHERE id = ? AND receipt = ?'),
      bury: db.prepare('INSERT OR REPLACE INTO dead_letters (id, queue, body, reason, receive_count, dead_at) VALUES (?, ?, ?, ?, ?, ?)'),
      deadLetters: db.prepare('SELECT * FROM dead_letters WHERE queue = ? ORDER BY dead_at DESC LIMIT ?'),
      depth: db.prepare('SELECT count(*) AS depth FROM queue_messages WHERE queue = ?'),
      buried: db.prepare('SELECT id, body FROM dead_letters WHERE queue = ? ORDER BY dead_at'),
      // The message keeps its id, so that the operator finds it again; its receive count starts over.
      revive: db.prepare('INSERT OR IGNORE INTO queue_messages (id, queue, body, visible_at, created_at) VALUES (?, ?, ?, ?, ?)'),
      unbury: db.prepare('DELETE FROM dead_letters WHERE id = ? AND queue = ?'),
    };
  }

  async send(queue: InboundQueue, body: string): Promise<string> {
    const id = randomUUID();
    const now = this.#clock.now().getTime();
    await this.#commit.run(() => this.#statements.insert.run(id, queue, body, now, now));
    return id;
  }

  async receive(queue: QueueName, options: ReceiveOptions): Promise<ReceivedMessage[]> {
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      const messages = await this.#commit.run(() => this.#take(queue, options));
      const remaining = deadline - Date.now();
      if (messages.length > 0 || remaining <= 0 || options.signal?.aborted === true) return messages;
      await this.#clock.sleep(Math.min(remaining, POLL_INTERVAL_MS), options.signal);
    }
  }

  async ack(_queue: QueueName, message: ReceivedMessage): Promise<void> {
    await this.#commit.run(() => this.#statements.delete.run(message.id, message.receipt));
  }

  async retryLater(_queue: QueueName, message: ReceivedMessage, delayMs: number): Promise<void> {
    const visibleAt = this.#clock.now().getTime() + delayMs;
    await this.#commit.run(() => this.#statements.delay.run(visibleAt, message.id, message.receipt));
  }

  async extendVisibility(_queue: QueueName, message: ReceivedMessage, ms: number): Promise<void> {
    const visibleAt = this.#clock.now().getTime() + ms;
    await this.#commit.run(() => this.#statements.delay.run(visibleAt, message.id, message.receipt));
  }

  async deadLetter(queue: QueueName, message: ReceivedMessage, reason: string): Promise<void> {
    await this.#commit.run(() => {
      const { changes } = this.#statements.delete.run(message.id, message.receipt);
      // A consumer whose visibility timeout ran out no longer owns the message.
      if (Number(changes) > 0) {
        this.#statements.bury.run(message.id, queue, message.body, reason, message.receiveCount, this.#clock.now().getTime());
      }
    });
  }

  async deadLetters(queue: InboundQueue, limit: number): Promise<DeadLetter[]> {
    const rows = this.#statements.deadLetters.all(queue, limit) as unknown as {
      id: string;
      queue: QueueName;
      body: string;
      reason: string;
      receive_count: number;
      dead_at: number;
    }[];
    return rows.map((row) => ({
      id: row.id,
      queue: row.queue,
      body: row.body,
      reason: row.reason,
      receiveCount: row.receive_count,
      deadAt: new Date(row.dead_at),
    }));
  }

  async redrive(queue: QueueName, ids?: readonly string[]): Promise<number> {
    const wanted = ids === undefined ? undefined : new Set(ids);
    return this.#commit.run(() => {
      const now = this.#clock.now().getTime();
      const letters = (this.#statements.buried.all(queue) as { id: string; body: string }[]).filter(
        (letter) => wanted === undefined || wanted.has(letter.id),
      );
      for (const letter of letters) {
        this.#statements.revive.run(letter.id, queue, letter.body, now, now);
        this.#statements.unbury.run(letter.id, queue);
      }
      return letters.length;
    });
  }

  async depth(queue: InboundQueue): Promise<number> {
    return (this.#statements.depth.get(queue) as { depth: number }).depth;
  }

  #take(queue: QueueName, options: ReceiveOptions): ReceivedMessage[] {
    const now = this.#clock.now().getTime();
    const candidates = this.#statements.visible.all(queue, now, options.max) as { id: string }[];
    return candidates.flatMap(({ id }) => {
      const row = this.#statements.take.get(randomUUID(), now + options.visibilityMs, id, now) as MessageRow | undefined;
      return row === undefined ? [] : [{ id: row.id, body: row.body, receiveCount: row.receive_count, receipt: row.receipt }];
    });
  }
}
