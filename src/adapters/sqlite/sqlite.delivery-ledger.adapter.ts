import { randomUUID } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type {
  Claim,
  DeliveryCount,
  DeliveryFilter,
  DeliveryLedger,
  DueDelivery,
  ReceiptReference,
  RecordOutcome,
  Reschedule,
  ResendSelector,
  SupersedingDelivery,
} from '../../application/ports/delivery-ledger.port.ts';
import type { ReceiptStatus } from '../../application/ports/receipt-source.port.ts';
import { currentAttemptEvents, type CurrentAttempt } from '../../domain/deliveries/current-attempt.ts';
import type { DeliveryEvent, DeliveryEventType } from '../../domain/deliveries/delivery-event.ts';
import {
  deliveryIdOf,
  queuedDelivery,
  type Channel,
  type Delivery,
  type DeliveryRequest,
  type DeliveryStatus,
} from '../../domain/deliveries/delivery.ts';
import type { Job } from '../../domain/deliveries/job.ts';
import type { OutgoingMessage } from '../../domain/deliveries/message.ts';
import { groupCommitOf, type GroupCommit } from './sqlite.group-commit.ts';

interface DeliveryRow {
  id: string;
  job: string;
  event_key: string;
  client_id: string | null;
  channel: string;
  recipient: string;
  message: string;
  status: string;
  provider: string | null;
  provider_message_id: string | null;
  attempts: number;
  last_error: string | null;
  claim_token: string | null;
  lease_until: number | null;
  next_attempt_at: number;
  created_at: number;
  updated_at: number;
  waiting_for: string | null;
  waiting_since: number | null;
  queued_at: number | null;
}

/** The latest attempt's facts that the delivery holds instead of history rows (migration 7). */
interface CurrentAttemptRow {
  claimed_at: number | null;
  sent_at: number | null;
  attempts: number;
  provider: string | null;
  provider_message_id: string | null;
}

interface DueRow {
  id: string;
  job: string;
  event_key: string;
  channel: string;
  due_at: number;
}

/** The delivery ledger in the embedded database; in the server it is also the dispatch queue. */
export class SqliteDeliveryLedger implements DeliveryLedger {
  readonly #db: DatabaseSync;
  /** Every write goes through it: concurrent callers share one transaction, each answered once it committed. */
  readonly #commit: GroupCommit;
  readonly #statements: Record<
    | 'insert'
    | 'byId'
    | 'queuedDue'
    | 'leaseExpired'
    | 'claim'
    | 'reclaimable'
    | 'reclaim'
    | 'sent'
    | 'reschedule'
    | 'failed'
    | 'suppressed'
    | 'receipt'
    | 'receiptById'
    | 'failedReceipt'
    | 'failedReceiptById'
    | 'keepReceipt'
    | 'takeReceipt'
    | 'forgetReceipts'
    | 'counts'
    | 'purge'
    | 'event'
    | 'history'
    | 'current'
    | 'settled'
    | 'forgetEvents'
    | 'park'
    | 'wake'
    | 'waitingCount'
    | 'expired'
    | 'expireStale'
    | 'expireSuperseded'
    | 'requeue',
    StatementSync
  >;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#commit = groupCommitOf(db);
    this.#statements = {
      insert: db.prepare(
        `INSERT INTO deliveries (id, job, event_key, client_id, channel, recipient, message, status, next_attempt_at, created_at, updated_at, queued_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      byId: db.prepare('SELECT * FROM deliveries WHERE id = ?'),
      queuedDue: db.prepare(
        `SELECT id, job, event_key, channel, next_attempt_at AS due_at FROM deliveries
         WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?`,
      ),
      leaseExpired: db.prepare(
        `SELECT id, job, event_key, channel, lease_until AS due_at FROM deliveries
         WHERE status = 'sending' AND lease_until <= ? ORDER BY lease_until LIMIT ?`,
      ),
      // A queued delivery holds no earlier attempt's facts (whatever queued it stored them as rows): the claim is one write.
      claim: db.prepare(
        `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, claim_token = ?, lease_until = ?, updated_at = ?, claimed_at = ?
         WHERE id = ? AND status = 'queued' AND next_attempt_at <= ? RETURNING *`,
      ),
      reclaimable: db.prepare(`SELECT 1 AS found FROM deliveries WHERE id = ? AND status = 'sending' AND lease_until <= ?`),
      reclaim: db.prepare(
        `UPDATE deliveries SET attempts = attempts + 1, claim_token = ?, lease_until = ?, updated_at = ?, claimed_at = ?
         WHERE id = ? AND status = 'sending' AND lease_until <= ? RETURNING *`,
      ),
      sent: db.prepare(
        `UPDATE deliveries SET status = 'sent', provider = ?, provider_message_id = ?, claim_token = NULL, lease_until = NULL, updated_at = ?,
           sent_at = ?, waiting_for = NULL, waiting_since = NULL
         WHERE id = ? AND status NOT IN ('sent', 'delivered', 'read')`,
      ),
      reschedule: db.prepare(
        `UPDATE deliveries SET status = 'queued', attempts = max(attempts - ?, 0), provider = coalesce(?, provider), last_error = ?, next_attempt_at = ?,
           claim_token = NULL, lease_until = NULL, updated_at = ?, waiting_for = NULL, waiting_since = NULL
         WHERE id = ? AND status = 'sending' AND claim_token = ?`,
      ),
      failed: db.prepare(
        `UPDATE deliveries SET status = 'failed', provider = coalesce(?, provider), last_error = ?, claim_token = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND status = 'sending' AND claim_token = ?`,
      ),
      suppressed: db.prepare(
        `UPDATE deliveries SET status = 'suppressed', claim_token = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND status = 'sending' AND claim_token = ?`,
      ),
      receipt: db.prepare(
        `UPDATE deliveries SET status = ?, updated_at = ?
         WHERE provider = ? AND provider_message_id IN (SELECT value FROM json_each(?)) AND status IN (SELECT value FROM json_each(?)) RETURNING id`,
      ),
      receiptById: db.prepare(
        `UPDATE deliveries SET status = ?, updated_at = ?
         WHERE provider = ? AND id = ? AND status IN (SELECT value FROM json_each(?)) RETURNING id`,
      ),
      // A late failure only fails what is not known to have arrived: a delivered or read one stays so.
      // `+status`: look the message ids up (deliveries_provider_message), not every sending and sent delivery by status.
      failedReceipt: db.prepare(
        `UPDATE deliveries SET status = 'failed', last_error = ?, updated_at = ?
         WHERE provider = ? AND provider_message_id IN (SELECT value FROM json_each(?)) AND +status IN ('sending', 'sent') RETURNING id`,
      ),
      failedReceiptById: db.prepare(
        `UPDATE deliveries SET status = 'failed', last_error = ?, updated_at = ? WHERE provider = ? AND id = ? AND status IN ('sending', 'sent') RETURNING id`,
      ),
      keepReceipt: db.prepare(
        `INSERT INTO pending_receipts (provider, provider_message_id, status, received_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (provider, provider_message_id) DO UPDATE SET status = CASE WHEN status = 'read' THEN 'read' ELSE excluded.status END`,
      ),
      takeReceipt: db.prepare('DELETE FROM pending_receipts WHERE provider = ? AND provider_message_id = ? RETURNING status'),
      forgetReceipts: db.prepare('DELETE FROM pending_receipts WHERE received_at < ?'),
      counts: db.prepare('SELECT job, status, count(*) AS count FROM deliveries WHERE created_at >= ? GROUP BY job, status'),
      purge: db.prepare(
        `DELETE FROM deliveries WHERE status IN ('sent', 'delivered', 'read', 'failed', 'expired', 'suppressed') AND updated_at < ?`,
      ),
      event: db.prepare('INSERT INTO delivery_events (delivery_id, at, type, detail) VALUES (?, ?, ?, ?)'),
      // The first event, 'recorded', is the delivery's own creation (migration 6 removed its rows, equal to this).
      history: db.prepare(
        `SELECT created_at AS at, 'recorded' AS type, job || ' via ' || channel AS detail, 0 AS seq FROM deliveries WHERE id = ?
         UNION ALL SELECT at, type, detail, seq FROM delivery_events WHERE delivery_id = ? ORDER BY seq`,
      ),
      current: db.prepare(
        `SELECT claimed_at, sent_at, attempts, provider, provider_message_id FROM deliveries
         WHERE id = ? AND (claimed_at IS NOT NULL OR sent_at IS NOT NULL)`,
      ),
      settled: db.prepare('UPDATE deliveries SET claimed_at = NULL, sent_at = NULL WHERE id = ?'),
      forgetEvents: db.prepare('DELETE FROM delivery_events WHERE delivery_id NOT IN (SELECT id FROM deliveries)'),
      park: db.prepare(
        `UPDATE deliveries SET status = 'queued', attempts = max(attempts - 1, 0), provider = coalesce(provider, ?), last_error = ?,
           next_attempt_at = ?, waiting_for = ?, waiting_since = coalesce(waiting_since, ?), claim_token = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND status = 'sending' AND claim_token = ? RETURNING waiting_since`,
      ),
      wake: db.prepare(
        `UPDATE deliveries SET next_attempt_at = ? WHERE status = 'queued' AND waiting_for = ? AND next_attempt_at > ? RETURNING id`,
      ),
      waitingCount: db.prepare(`SELECT count(*) AS count FROM deliveries WHERE waiting_for = ? AND status IN ('queued', 'sending')`),
      expired: db.prepare(
        `UPDATE deliveries SET status = 'expired', last_error = ?, claim_token = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND status = 'sending' AND claim_token = ?`,
      ),
      expireStale: db.prepare(
        `UPDATE deliveries SET status = 'expired', last_error = ?, updated_at = ?
         WHERE status = 'queued' AND job = ? AND coalesce(queued_at, created_at) < ? RETURNING id`,
      ),
      expireSuperseded: db.prepare(
        `UPDATE deliveries SET status = 'expired', last_error = ?, updated_at = ?
         WHERE status = 'queued' AND job = ? AND channel = ? AND recipient = ? AND id <> ? AND created_at <= ?
           AND substr(event_key, 1, length(?)) = ? RETURNING id`,
      ),
      requeue: db.prepare(
        `UPDATE deliveries SET status = 'queued', attempts = 0, last_error = NULL, next_attempt_at = ?, queued_at = ?,
           waiting_for = NULL, waiting_since = NULL, claim_token = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND status IN ('failed', 'expired')`,
      ),
    };
  }

  async record(requests: readonly DeliveryRequest[], now: Date): Promise<RecordOutcome> {
    const at = now.getTime();
    return this.#commit.run(() => {
      const created: Delivery[] = [];
      const existing: Delivery[] = [];
      for (const request of requests) {
        const id = deliveryIdOf(request);
        const inserted = this.#statements.insert.run(
          id,
          request.job,
          request.eventKey,
          request.clientId,
          request.channel,
          request.recipient,
          messageJson(request.message),
          at,
          at,
          at,
          at,
        ).changes;
        // A new row is exactly the request as queued at `at`: no need to read it back and parse its message again.
        // No 'recorded' row in delivery_events: `history` reads that event from the delivery itself.
        if (Number(inserted) > 0) created.push(queuedDelivery(id, request, now));
        else existing.push(toDelivery(this.#statements.byId.get(id) as unknown as DeliveryRow));
      }
      return { created, existing };
    }, requests.length);
  }

  async due(now: Date, limit: number): Promise<DueDelivery[]> {
    const at = now.getTime();
    const rows = [
      ...(this.#statements.queuedDue.all(at, limit) as unknown as DueRow[]),
      ...(this.#statements.leaseExpired.all(at, limit) as unknown as DueRow[]),
    ];
    return rows
      .sort((a, b) => a.due_at - b.due_at)
      .slice(0, limit)
      .map((row) => ({ id: row.id, job: row.job as Job, eventKey: row.event_key, channel: row.channel as Channel }));
  }

  async claim(id: string, now: Date, leaseMs: number): Promise<Claim | undefined> {
    const at = now.getTime();
    const token = randomUUID();
    const leaseUntil = at + leaseMs;
    return this.#commit.run(() => {
      // No history row: the claim's time is the delivery's `claimed_at`, its attempt `attempts` (see `history`).
      let row = this.#statements.claim.get(token, leaseUntil, at, at, id, at) as DeliveryRow | undefined;
      if (row === undefined && this.#statements.reclaimable.get(id, at) !== undefined) {
        // The holder's lease ran out without an outcome: its claim becomes a row before this one replaces it.
        this.#settle(id);
        row = this.#statements.reclaim.get(token, leaseUntil, at, at, id, at) as DeliveryRow | undefined;
      }
      if (row === undefined) return undefined;
      return { delivery: toDelivery(row), token, leaseUntil: new Date(leaseUntil) };
    });
  }

  async markSent(claim: Claim, outcome: { provider: string; providerMessageId: string | null }, now: Date): Promise<void> {
    await this.#commit.run(() => {
      // No history row: the send's time is the delivery's `sent_at`, its provider and message id its own (see `history`).
      this.#statements.sent.run(outcome.provider, outcome.providerMessageId, now.getTime(), now.getTime(), claim.delivery.id);
      if (outcome.providerMessageId === null) return;
      const early = this.#statements.takeReceipt.get(outcome.provider, outcome.providerMessageId) as
        { status: 'delivered' | 'read' } | undefined;
      if (early !== undefined) this.#applyReceipt(outcome.provider, { providerMessageId: outcome.providerMessageId }, early.status, now);
    });
  }

  async reschedule(claim: Claim, outcome: Reschedule, now: Date): Promise<void> {
    await this.#commit.run(() => {
      this.#settle(claim.delivery.id);
      const changed = this.#statements.reschedule.run(
        outcome.attemptSpent === false ? 1 : 0,
        outcome.provider,
        outcome.error,
        outcome.nextAttemptAt.getTime(),
        now.getTime(),
        claim.delivery.id,
        claim.token,
      ).changes;
      if (Number(changed) > 0) this.#event(claim.delivery.id, now.getTime(), 'attempt-failed', failureDetail(outcome));
    });
  }

  async markFailed(claim: Claim, outcome: { provider: string | null; error: string }, now: Date): Promise<void> {
    await this.#commit.run(() => {
      this.#settle(claim.delivery.id);
      const changed = this.#statements.failed.run(outcome.provider, outcome.error, now.getTime(), claim.delivery.id, claim.token).changes;
      if (Number(changed) > 0) this.#event(claim.delivery.id, now.getTime(), 'failed', failureDetail(outcome));
    });
  }

  async park(claim: Claim, outcome: { provider: string; cause: string; nextAttemptAt: Date }, now: Date): Promise<void> {
    const at = now.getTime();
    await this.#commit.run(() => {
      this.#settle(claim.delivery.id);
      const row = this.#statements.park.get(
        outcome.provider,
        outcome.cause,
        outcome.nextAttemptAt.getTime(),
        outcome.provider,
        at,
        at,
        claim.delivery.id,
        claim.token,
      ) as { waiting_since: number } | undefined;
      // Only the start of a wait is history; every later look at a provider still down would drown it.
      if (row?.waiting_since === at) this.#event(claim.delivery.id, at, 'waiting', `waiting for ${outcome.provider}: ${outcome.cause}`);
    });
  }

  async wake(provider: string, now: Date): Promise<string[]> {
    const at = now.getTime();
    return (this.#statements.wake.all(at, provider, at) as { id: string }[]).map((row) => row.id);
  }

  async waitingCount(provider: string): Promise<number> {
    return (this.#statements.waitingCount.get(provider) as { count: number }).count;
  }

  async markExpired(claim: Claim, reason: string, now: Date): Promise<void> {
    await this.#commit.run(() => {
      this.#settle(claim.delivery.id);
      const changed = this.#statements.expired.run(reason, now.getTime(), claim.delivery.id, claim.token).changes;
      if (Number(changed) > 0) this.#event(claim.delivery.id, now.getTime(), 'expired', reason);
    });
  }

  async expireStale(job: Job, queuedBefore: Date, reason: string, now: Date): Promise<number> {
    return this.#commit.run(() => {
      const rows = this.#statements.expireStale.all(reason, now.getTime(), job, queuedBefore.getTime()) as { id: string }[];
      for (const row of rows) this.#event(row.id, now.getTime(), 'expired', reason);
      return rows.length;
    });
  }

  async expireSuperseded(newer: SupersedingDelivery, reason: string, now: Date): Promise<number> {
    return this.#commit.run(() => {
      const rows = this.#statements.expireSuperseded.all(
        reason,
        now.getTime(),
        newer.job,
        newer.channel,
        newer.recipient,
        newer.id,
        newer.createdAt.getTime(),
        newer.series,
        newer.series,
      ) as { id: string }[];
      for (const row of rows) this.#event(row.id, now.getTime(), 'expired', reason);
      return rows.length;
    });
  }

  async findResendable(selector: ResendSelector, limit: number): Promise<string[]> {
    const conditions = ["status IN ('failed', 'expired')"];
    const values: (string | number)[] = [];
    if ('ids' in selector) {
      conditions.push('id IN (SELECT value FROM json_each(?))');
      values.push(JSON.stringify(selector.ids));
    } else {
      const add = (condition: string, value: string | number | undefined) => {
        if (value === undefined) return;
        conditions.push(condition);
        values.push(value);
      };
      add('status = ?', selector.status);
      add('job = ?', selector.job);
      if (selector.clientId === null) conditions.push('client_id IS NULL');
      else add('client_id = ?', selector.clientId);
      add('created_at >= ?', selector.since?.getTime());
      add('created_at <= ?', selector.until?.getTime());
    }
    const rows = this.#db
      .prepare(`SELECT id FROM deliveries WHERE ${conditions.join(' AND ')} ORDER BY created_at, id LIMIT ?`)
      .all(...values, limit) as { id: string }[];
    return rows.map((row) => row.id);
  }

  async requeue(ids: readonly string[], now: Date): Promise<string[]> {
    const at = now.getTime();
    return this.#commit.run(() =>
      [...new Set(ids)].filter((id) => {
        this.#settle(id);
        if (Number(this.#statements.requeue.run(at, at, at, id).changes) === 0) return false;
        this.#event(id, at, 'requeued', 'requeued by an operator; attempts start over');
        return true;
      }),
    );
  }

  async history(id: string): Promise<DeliveryEvent[]> {
    const stored = (this.#statements.history.all(id, id) as { at: number; type: DeliveryEventType; detail: string }[]).map((row) => ({
      at: new Date(row.at),
      type: row.type,
      detail: row.detail,
    }));
    // The latest attempt's facts come last: any later event would have stored them first (`#settle`).
    const current = this.#statements.current.get(id) as CurrentAttemptRow | undefined;
    return current === undefined ? stored : [...stored, ...currentAttemptEvents(currentAttemptOf(current))];
  }

  /** Stores one event, after the latest attempt's facts that it follows. */
  #event(deliveryId: string, at: number, type: DeliveryEventType, detail: string): void {
    this.#settle(deliveryId);
    this.#statements.event.run(deliveryId, at, type, detail);
  }

  /**
   * Turns the latest attempt's facts into rows, in order, and clears them: done before anything stores a later
   * event or changes what the facts are read from (attempts, provider), so that they always read back last.
   */
  #settle(deliveryId: string): void {
    const current = this.#statements.current.get(deliveryId) as CurrentAttemptRow | undefined;
    if (current === undefined) return;
    for (const event of currentAttemptEvents(currentAttemptOf(current))) {
      this.#statements.event.run(deliveryId, event.at.getTime(), event.type, event.detail);
    }
    this.#statements.settled.run(deliveryId);
  }

  async markSuppressed(claim: Claim, now: Date): Promise<void> {
    await this.#commit.run(() => {
      this.#settle(claim.delivery.id);
      const changed = this.#statements.suppressed.run(now.getTime(), claim.delivery.id, claim.token).changes;
      if (Number(changed) > 0) this.#event(claim.delivery.id, now.getTime(), 'suppressed', 'the recipient asked to receive nothing');
    });
  }

  async recordReceipt(provider: string, reference: ReceiptReference, status: ReceiptStatus, now: Date, error?: string): Promise<boolean> {
    if (status === 'failed') {
      const reason = error ?? 'failed: reported by the provider';
      return this.#commit.run(() => {
        const rows = (
          'deliveryId' in reference
            ? this.#statements.failedReceiptById.all(reason, now.getTime(), provider, reference.deliveryId)
            : this.#statements.failedReceipt.all(reason, now.getTime(), provider, JSON.stringify(messageIdsOf(reference)))
        ) as { id: string }[];
        for (const row of rows) this.#event(row.id, now.getTime(), 'failed', `receipt from ${provider}: ${reason}`);
        return rows.length > 0;
      });
    }
    return this.#commit.run(() => {
      if (this.#applyReceipt(provider, reference, status, now)) return true;
      // Possibly about a send not confirmed yet: kept until markSent learns the provider's message id.
      if ('providerMessageId' in reference) this.#statements.keepReceipt.run(provider, reference.providerMessageId, status, now.getTime());
      return false;
    });
  }

  /** Receipts only move forward: a late "delivered" never undoes a "read". */
  #applyReceipt(provider: string, reference: ReceiptReference, status: 'delivered' | 'read', now: Date): boolean {
    const from = JSON.stringify(status === 'read' ? ['sending', 'sent', 'delivered', 'failed'] : ['sending', 'sent', 'failed']);
    const rows = (
      'deliveryId' in reference
        ? this.#statements.receiptById.all(status, now.getTime(), provider, reference.deliveryId, from)
        : this.#statements.receipt.all(status, now.getTime(), provider, JSON.stringify(messageIdsOf(reference)), from)
    ) as { id: string }[];
    for (const row of rows) this.#event(row.id, now.getTime(), status, `receipt from ${provider}`);
    return rows.length > 0;
  }

  async get(id: string): Promise<Delivery | undefined> {
    const row = this.#statements.byId.get(id) as DeliveryRow | undefined;
    return row === undefined ? undefined : toDelivery(row);
  }

  async list(filter: DeliveryFilter): Promise<Delivery[]> {
    const conditions: string[] = [];
    const values: (string | number)[] = [];
    if (filter.clientId === null) conditions.push('client_id IS NULL');
    else if (filter.clientId !== undefined) {
      conditions.push('client_id = ?');
      values.push(filter.clientId);
    }
    if (filter.status !== undefined) {
      conditions.push('status = ?');
      values.push(filter.status);
    }
    if (filter.job !== undefined) {
      conditions.push('job = ?');
      values.push(filter.job);
    }
    if (filter.recipient !== undefined) {
      conditions.push('recipient = ?');
      values.push(filter.recipient);
    }
    if (filter.createdFrom !== undefined) {
      conditions.push('created_at >= ?');
      values.push(filter.createdFrom.getTime());
    }
    if (filter.createdBefore !== undefined) {
      conditions.push('created_at < ?');
      values.push(filter.createdBefore.getTime());
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const rows = this.#db
      .prepare(`SELECT * FROM deliveries ${where} ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?`)
      .all(...values, filter.limit, filter.offset ?? 0) as unknown as DeliveryRow[];
    return rows.map(toDelivery);
  }

  async counts(since?: Date): Promise<DeliveryCount[]> {
    return (this.#statements.counts.all(since?.getTime() ?? 0) as { job: Job; status: DeliveryStatus; count: number }[]).map((row) => ({
      ...row,
    }));
  }

  async purge(before: Date): Promise<number> {
    this.#statements.forgetReceipts.run(before.getTime());
    const purged = Number(this.#statements.purge.run(before.getTime()).changes);
    if (purged > 0) this.#statements.forgetEvents.run();
    return purged;
  }
}

/** Every form of the message id a receipt names. */
function messageIdsOf(reference: { readonly providerMessageId: string; readonly aliases?: readonly string[] }): string[] {
  return [reference.providerMessageId, ...(reference.aliases ?? [])];
}

/**
 * The deliveries of one alert or newsletter share one message: recorded once per contact, then claimed one by
 * one, thousands in a row in a fan-out. The last message written and the last one read are kept, so that
 * neither is converted again for every contact: less allocated per send, and one parsed message held by all
 * the sends in flight instead of one each. Messages are never changed once built (`OutgoingMessage` is readonly).
 */
const lastWritten: { message: OutgoingMessage | undefined; json: string } = { message: undefined, json: '' };
const lastRead: { json: string | undefined; message: OutgoingMessage | undefined } = { json: undefined, message: undefined };

function messageJson(message: OutgoingMessage): string {
  if (lastWritten.message !== message) {
    lastWritten.json = JSON.stringify(message);
    lastWritten.message = message;
  }
  return lastWritten.json;
}

function parsedMessage(json: string): OutgoingMessage {
  if (lastRead.json !== json || lastRead.message === undefined) {
    lastRead.message = JSON.parse(json) as OutgoingMessage;
    lastRead.json = json;
  }
  return lastRead.message;
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    job: row.job as Job,
    eventKey: row.event_key,
    clientId: row.client_id,
    channel: row.channel as Channel,
    recipient: row.recipient,
    message: parsedMessage(row.message),
    status: row.status as DeliveryStatus,
    provider: row.provider,
    providerMessageId: row.provider_message_id,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    nextAttemptAt: new Date(row.next_attempt_at),
    waitingFor: row.waiting_for,
    waitingSince: row.waiting_since === null ? null : new Date(row.waiting_since),
    queuedAt: new Date(row.queued_at ?? row.created_at),
  };
}

function currentAttemptOf(row: CurrentAttemptRow): CurrentAttempt {
  return {
    claimedAt: row.claimed_at === null ? null : new Date(row.claimed_at),
    attempt: row.attempts,
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
    provider: row.provider,
    providerMessageId: row.provider_message_id,
  };
}

function failureDetail(outcome: { provider: string | null; error: string }): string {
  return outcome.provider === null ? outcome.error : `${outcome.provider}: ${outcome.error}`;
}
