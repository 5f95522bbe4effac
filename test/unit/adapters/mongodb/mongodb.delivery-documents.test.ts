import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../../src/application/ports/delivery-ledger.port.ts';
import {
  DELIVERY_INDEXES,
  LIST_SORT,
  RECEIPT_INDEXES,
  afterHeldClaim,
  claimFilter,
  claimUpdate,
  currentEventsOf,
  dueFilter,
  expiredUpdate,
  holdingCurrentAttempt,
  reclaimFilter,
  settleFilter,
  settleUpdate,
  withoutCurrentAttempt,
  expiryOf,
  failedUpdate,
  firstOccurrences,
  heldFilter,
  keepReceiptUpdate,
  leaseExpiredFilter,
  listFilter,
  mergeDue,
  newDeliveryDocument,
  parkUpdate,
  requeueFilter,
  requeueUpdate,
  resendableFilter,
  staleFilter,
  startsWaitingFilter,
  supersededFilter,
  waitingFilter,
  wakeFilter,
  purgeFilter,
  queuedDueFilter,
  failedReceiptFilter,
  failedReceiptUpdate,
  receiptFilter,
  receiptSources,
  receiptUpdate,
  rescheduleUpdate,
  sentFilter,
  sentUpdate,
  staleReceiptsFilter,
  toDelivery,
  type DeliveryDocument,
  type DueProjection,
} from '../../../../src/adapters/mongodb/mongodb.delivery-documents.ts';
import { deliveryIdOf } from '../../../../src/domain/deliveries/delivery.ts';
import { deliveryRequest } from '../../../support/deliveries.ts';

const NOW = new Date('2026-11-23T14:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const RETENTION = 30;
const request = deliveryRequest(7, 3, 'meltwater-newsletter');
const id = deliveryIdOf(request);

describe('mongodb delivery documents', () => {
  it('creates a queued delivery keyed by its deterministic id, with the fields of the embedded table', () => {
    const document = newDeliveryDocument(id, request, NOW);
    expect(document).toEqual({
      _id: id,
      job: 'meltwater-newsletter',
      eventKey: 'e7',
      clientId: request.clientId,
      channel: 'whatsapp',
      recipient: request.recipient,
      message: request.message,
      status: 'queued',
      provider: null,
      providerMessageId: null,
      attempts: 0,
      lastError: null,
      claimToken: null,
      leaseUntil: null,
      nextAttemptAt: NOW,
      createdAt: NOW,
      updatedAt: NOW,
      expiresAt: null,
      waitingFor: null,
      waitingSince: null,
      queuedAt: NOW,
      events: [{ at: NOW, type: 'recorded', detail: 'meltwater-newsletter via whatsapp' }],
    });
    expect(toDelivery(document)).toEqual({
      ...request,
      id,
      status: 'queued',
      provider: null,
      providerMessageId: null,
      attempts: 0,
      lastError: null,
      createdAt: NOW,
      updatedAt: NOW,
      nextAttemptAt: NOW,
      waitingFor: null,
      waitingSince: null,
      queuedAt: NOW,
    });
  });

  it('reads back from BSON exactly what was recorded: dates as dates, no undefined turned into null', () => {
    const withUndefined = { ...request, message: { ...request.message, title: undefined, variables: { titulo: 'T', link: undefined } } };
    const document = newDeliveryDocument(id, withUndefined, NOW);
    const stored = BSON.deserialize(BSON.serialize(document)) as DeliveryDocument;
    expect(stored.createdAt).toBeInstanceOf(Date);
    expect(toDelivery(stored)).toEqual(toDelivery(document));
    expect(toDelivery(stored).message).toEqual({ job: 'meltwater-newsletter', text: 'Mensaje 7', variables: { titulo: 'T' } });
    expect(Object.keys(toDelivery(stored).message)).not.toContain('title');
  });

  it('writes each id of a call once, at its first occurrence', () => {
    expect([...firstOccurrences(['a', 'b', 'a', 'c', 'b'])]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 3],
    ]);
  });

  it('finds due deliveries: queued and due, or sending with an expired lease', () => {
    expect(queuedDueFilter(NOW)).toEqual({ status: 'queued', nextAttemptAt: { $lte: NOW } });
    expect(leaseExpiredFilter(NOW)).toEqual({ status: 'sending', leaseUntil: { $lte: NOW } });
    expect(dueFilter(NOW)).toEqual({ $or: [queuedDueFilter(NOW), leaseExpiredFilter(NOW)] });
  });

  it('merges both due queries oldest first, up to the limit', () => {
    const due = (key: string, nextAttemptAt: Date, leaseUntil: Date | null = null): DueProjection => ({
      _id: key,
      job: 'offline-alert',
      eventKey: key,
      channel: 'whatsapp',
      nextAttemptAt,
      leaseUntil,
    });
    const queued = [due('q1', at(10)), due('q2', at(30))];
    const expired = [due('s1', at(0), at(20)), due('s2', at(0), at(40))];
    expect(mergeDue(queued, expired, 10).map((delivery) => delivery.id)).toEqual(['q1', 's1', 'q2', 's2']);
    expect(mergeDue(queued, expired, 2)).toEqual([
      { id: 'q1', job: 'offline-alert', eventKey: 'q1', channel: 'whatsapp' },
      { id: 's1', job: 'offline-alert', eventKey: 's1', channel: 'whatsapp' },
    ]);
  });

  it('claims by id only when due, counting the attempt and fencing with a new token', () => {
    // Queued and due; or, once the claim of a holder whose lease ran out is in the history, taken over from it.
    expect(claimFilter(id, NOW)).toEqual({ _id: id, ...queuedDueFilter(NOW) });
    expect(reclaimFilter(id, NOW)).toEqual({ _id: id, ...leaseExpiredFilter(NOW), claimedAt: null });
    expect(claimUpdate('token-1', at(60_000), NOW)).toEqual({
      $set: { status: 'sending', claimToken: 'token-1', leaseUntil: at(60_000), updatedAt: NOW, claimedAt: NOW },
      $inc: { attempts: 1 },
    });
  });

  it("keeps the latest attempt's claim and send in the document, pushed into the history before any later event", () => {
    const held = { _id: id, claimedAt: at(1), sentAt: at(2), attempts: 2, provider: 'waapi', providerMessageId: 'wamid-1' };
    expect(currentEventsOf(held)).toEqual([
      { at: at(1), type: 'claimed', detail: 'attempt 2' },
      { at: at(2), type: 'sent', detail: 'sent by waapi, message wamid-1' },
    ]);
    expect(currentEventsOf({ ...held, claimedAt: null, providerMessageId: null })).toEqual([
      { at: at(2), type: 'sent', detail: 'sent by waapi' },
    ]);
    // Documents from before have neither field: nothing to add to the events they hold.
    expect(currentEventsOf({ _id: id, attempts: 1, provider: null, providerMessageId: null })).toEqual([]);
    expect(settleFilter(held)).toEqual({ _id: id, claimedAt: at(1), sentAt: at(2) });
    expect(settleUpdate(held)).toEqual({
      $push: { events: { $each: currentEventsOf(held), $slice: -200 } },
      $set: { claimedAt: null, sentAt: null },
    });
    const filter = receiptFilter('waapi', { providerMessageId: 'wamid-1' }, 'read');
    expect(holdingCurrentAttempt(filter)).toEqual({ ...filter, $or: [{ claimedAt: { $ne: null } }, { sentAt: { $ne: null } }] });
    expect(withoutCurrentAttempt(filter)).toEqual({ ...filter, claimedAt: null, sentAt: null });

    const claimed = { ...toDelivery(newDeliveryDocument(id, request, NOW)), attempts: 3, updatedAt: at(7) };
    const claim = { delivery: claimed, token: 'token-1', leaseUntil: at(60_000) } satisfies Claim;
    expect(afterHeldClaim(claim, expiredUpdate('too old', NOW, RETENTION))).toEqual({
      $set: { ...expiredUpdate('too old', NOW, RETENTION).$set, claimedAt: null },
      $push: {
        events: {
          $each: [
            { at: at(7), type: 'claimed', detail: 'attempt 3' },
            { at: NOW, type: 'expired', detail: 'too old' },
          ],
          $slice: -200,
        },
      },
    });
    // A wait that does not begin writes no event of its own: the claim alone goes into the history.
    const outcome = { provider: 'waapi', cause: 'unavailable', nextAttemptAt: at(5_000) };
    expect(afterHeldClaim(claim, parkUpdate(outcome, NOW, false))).toEqual({
      ...parkUpdate(outcome, NOW, false),
      $set: { ...parkUpdate(outcome, NOW, false).$set, claimedAt: null },
      $push: { events: { $each: [{ at: at(7), type: 'claimed', detail: 'attempt 3' }], $slice: -200 } },
    });
  });

  it('lets only the holder of the claim reschedule or fail, keeping the known provider when none is named', () => {
    const claim = { delivery: toDelivery(newDeliveryDocument(id, request, NOW)), token: 'token-1', leaseUntil: at(60_000) } satisfies Claim;
    expect(heldFilter(claim)).toEqual({ _id: id, status: 'sending', claimToken: 'token-1' });
    expect(rescheduleUpdate({ provider: null, error: 'timeout', nextAttemptAt: at(5_000) }, NOW)).toEqual({
      $set: {
        status: 'queued',
        lastError: 'timeout',
        nextAttemptAt: at(5_000),
        claimToken: null,
        leaseUntil: null,
        updatedAt: NOW,
        waitingFor: null,
        waitingSince: null,
      },
      $push: { events: { $each: [{ at: NOW, type: 'attempt-failed', detail: 'timeout' }], $slice: -200 } },
    });
    expect(rescheduleUpdate({ provider: 'waapi', error: 'x', nextAttemptAt: NOW }, NOW).$set).toMatchObject({ provider: 'waapi' });
    // Issue 13 §1: a rate limit gives back the attempt the claim counted; any other failure keeps it.
    expect(rescheduleUpdate({ provider: 'waapi', error: 'rate_limited: 429', nextAttemptAt: NOW, attemptSpent: false }, NOW).$inc).toEqual({
      attempts: -1,
    });
    expect(rescheduleUpdate({ provider: 'waapi', error: 'timeout', nextAttemptAt: NOW, attemptSpent: true }, NOW)).not.toHaveProperty(
      '$inc',
    );
    expect(failedUpdate({ provider: null, error: 'invalid_recipient' }, NOW, RETENTION)).toEqual({
      $set: {
        status: 'failed',
        lastError: 'invalid_recipient',
        claimToken: null,
        leaseUntil: null,
        updatedAt: NOW,
        expiresAt: new Date('2026-12-23T14:00:00Z'),
      },
      $push: { events: { $each: [{ at: NOW, type: 'failed', detail: 'invalid_recipient' }], $slice: -200 } },
    });
  });

  it('records a send unless one is recorded already, and lets the TTL index forget it after the retention period', () => {
    expect(sentFilter(id)).toEqual({ _id: id, status: { $nin: ['sent', 'delivered', 'read'] } });
    expect(sentUpdate({ provider: 'gowa', providerMessageId: '3EB0' }, NOW, RETENTION)).toEqual({
      $set: {
        status: 'sent',
        provider: 'gowa',
        providerMessageId: '3EB0',
        claimToken: null,
        leaseUntil: null,
        updatedAt: NOW,
        expiresAt: expiryOf(NOW, RETENTION),
        waitingFor: null,
        waitingSince: null,
        sentAt: NOW,
      },
    });
    // No event pushed: `history` reads the send from `sentAt`, `provider` and `providerMessageId`.
    expect(sentUpdate({ provider: 'gowa', providerMessageId: '3EB0' }, NOW, RETENTION)).not.toHaveProperty('$push');
    expect(expiryOf(NOW, 30).getTime() - NOW.getTime()).toBe(30 * 86_400_000);
  });

  it('moves deliveries forward on receipts, never back', () => {
    expect(receiptSources('delivered')).toEqual(['sending', 'sent', 'failed']);
    expect(receiptSources('read')).toEqual(['sending', 'sent', 'delivered', 'failed']);
    for (const status of ['delivered', 'read'] as const) expect(receiptSources(status)).not.toContain(status);
    expect(receiptSources('delivered')).not.toContain('read');
    expect(receiptFilter('waapi', { providerMessageId: 'm-1' }, 'read')).toEqual({
      providerMessageId: 'm-1',
      provider: 'waapi',
      status: { $in: ['sending', 'sent', 'delivered', 'failed'] },
    });
    expect(receiptFilter('botmaker', { deliveryId: id }, 'delivered')).toEqual({
      _id: id,
      provider: 'botmaker',
      status: { $in: ['sending', 'sent', 'failed'] },
    });
    expect(receiptUpdate('read', NOW, RETENTION, 'waapi')).toEqual({
      $set: { status: 'read', updatedAt: NOW, expiresAt: expiryOf(NOW, RETENTION) },
      $push: { events: { $each: [{ at: NOW, type: 'read', detail: 'receipt from waapi' }], $slice: -200 } },
    });
  });

  it('matches a receipt on any form of the message id, and fails only a delivery not known to have arrived on a failure receipt', () => {
    expect(receiptFilter('waapi', { providerMessageId: '3EB0AA', aliases: ['true_506@lid_3EB0AA'] }, 'delivered')).toEqual({
      providerMessageId: { $in: ['3EB0AA', 'true_506@lid_3EB0AA'] },
      provider: 'waapi',
      status: { $in: ['sending', 'sent', 'failed'] },
    });
    expect(failedReceiptFilter('waapi', { providerMessageId: '3EB0AA', aliases: ['true_506@lid_3EB0AA'] })).toEqual({
      providerMessageId: { $in: ['3EB0AA', 'true_506@lid_3EB0AA'] },
      provider: 'waapi',
      status: { $in: ['sending', 'sent'] },
    });
    expect(failedReceiptFilter('botmaker', { deliveryId: id })).toEqual({
      _id: id,
      provider: 'botmaker',
      status: { $in: ['sending', 'sent'] },
    });
    // The same detail as the embedded ledger's.
    expect(failedReceiptUpdate('ack -1', NOW, RETENTION, 'waapi')).toEqual({
      $set: { status: 'failed', lastError: 'ack -1', updatedAt: NOW, expiresAt: expiryOf(NOW, RETENTION) },
      $push: { events: { $each: [{ at: NOW, type: 'failed', detail: 'receipt from waapi: ack -1' }], $slice: -200 } },
    });
  });

  it('keeps an early receipt so that it only moves forward too', () => {
    const inserted = { receivedAt: NOW, expiresAt: expiryOf(NOW, RETENTION) };
    expect(keepReceiptUpdate('read', NOW, RETENTION)).toEqual({ $set: { status: 'read' }, $setOnInsert: inserted });
    // "delivered" never overwrites a kept "read": it is only written when nothing was kept.
    expect(keepReceiptUpdate('delivered', NOW, RETENTION)).toEqual({ $setOnInsert: { status: 'delivered', ...inserted } });
  });

  it('lists newest first with only the filters given', () => {
    expect(listFilter({ limit: 10 })).toEqual({});
    expect(listFilter({ limit: 10, clientId: 'c', status: 'sent', job: 'offline-report' })).toEqual({
      clientId: 'c',
      status: 'sent',
      job: 'offline-report',
    });
    expect(listFilter({ limit: 10, clientId: undefined, status: 'failed' })).toEqual({ status: 'failed' });
    expect(LIST_SORT).toEqual({ createdAt: -1, _id: -1 });
  });

  it('purges final deliveries and kept receipts older than the limit', () => {
    expect(purgeFilter(NOW)).toEqual({
      status: { $in: ['sent', 'delivered', 'read', 'failed', 'expired', 'suppressed'] },
      updatedAt: { $lt: NOW },
    });
    expect(staleReceiptsFilter(NOW)).toEqual({ receivedAt: { $lt: NOW } });
  });

  it('indexes every query, the uniqueness rule and the expiry', () => {
    const keys = DELIVERY_INDEXES.map((index) => index.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        { status: 1, nextAttemptAt: 1 },
        { status: 1, leaseUntil: 1 },
        { createdAt: -1, _id: -1 },
        { clientId: 1, createdAt: -1, _id: -1 },
        { provider: 1, providerMessageId: 1 },
      ]),
    );
    expect(DELIVERY_INDEXES.find((index) => index.unique)?.key).toEqual({ job: 1, eventKey: 1, channel: 1, recipient: 1 });
    expect(DELIVERY_INDEXES.find((index) => index.expireAfterSeconds !== undefined)).toMatchObject({
      key: { expiresAt: 1 },
      expireAfterSeconds: 0,
    });
    expect(RECEIPT_INDEXES).toEqual([
      expect.objectContaining({ key: { provider: 1, providerMessageId: 1 }, unique: true }),
      expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }),
    ]);
    for (const index of [...DELIVERY_INDEXES, ...RECEIPT_INDEXES]) expect(index.name).toEqual(expect.any(String));
    expect(keys).toEqual(
      expect.arrayContaining([
        { waitingFor: 1, status: 1 },
        { status: 1, nextAttemptAt: 1, createdAt: 1 },
      ]),
    );
  });

  it('parks without spending the attempt, writing "waiting" only when the wait begins', () => {
    const claim = { delivery: toDelivery(newDeliveryDocument(id, request, NOW)), token: 'token-1', leaseUntil: at(60_000) } satisfies Claim;
    const outcome = { provider: 'waapi', cause: 'unavailable: ECONNREFUSED', nextAttemptAt: at(5_000) };
    expect(startsWaitingFilter(claim)).toEqual({ _id: id, status: 'sending', claimToken: 'token-1', waitingSince: null });
    expect(parkUpdate(outcome, NOW, true)).toEqual({
      $set: {
        status: 'queued',
        lastError: 'unavailable: ECONNREFUSED',
        nextAttemptAt: at(5_000),
        waitingFor: 'waapi',
        claimToken: null,
        leaseUntil: null,
        updatedAt: NOW,
        waitingSince: NOW,
      },
      $inc: { attempts: -1 },
      $push: { events: { $each: [{ at: NOW, type: 'waiting', detail: 'waiting for waapi: unavailable: ECONNREFUSED' }], $slice: -200 } },
    });
    expect(parkUpdate(outcome, NOW, false)).not.toHaveProperty('$push');
    expect(parkUpdate(outcome, NOW, false).$set).not.toHaveProperty('waitingSince');
    expect(wakeFilter('waapi', NOW)).toEqual({ status: 'queued', waitingFor: 'waapi', nextAttemptAt: { $gt: NOW } });
    expect(waitingFilter('waapi')).toEqual({ waitingFor: 'waapi', status: { $in: ['queued', 'sending'] } });
  });

  it('selects what may be resent and expired with plain filters', () => {
    expect(resendableFilter({ ids: ['a', 'b'] })).toEqual({ _id: { $in: ['a', 'b'] }, status: { $in: ['failed', 'expired'] } });
    expect(resendableFilter({ status: 'failed', job: 'offline-report', since: NOW })).toEqual({
      status: 'failed',
      job: 'offline-report',
      createdAt: { $gte: NOW },
    });
    expect(requeueFilter('a')).toEqual({ _id: 'a', status: { $in: ['failed', 'expired'] } });
    expect(requeueUpdate(NOW).$set).toMatchObject({ status: 'queued', attempts: 0, queuedAt: NOW, nextAttemptAt: NOW, expiresAt: null });
    expect(
      supersededFilter({ id: 'n', job: 'meltwater-newsletter', channel: 'whatsapp', recipient: '+50688', series: 'd.1:', createdAt: NOW }),
    ).toEqual({
      _id: { $ne: 'n' },
      status: 'queued',
      job: 'meltwater-newsletter',
      channel: 'whatsapp',
      recipient: '+50688',
      createdAt: { $lte: NOW },
      eventKey: { $regex: '^d\\.1:' },
    });
    expect(staleFilter('offline-alert', NOW)).toEqual({
      status: 'queued',
      job: 'offline-alert',
      $or: [{ queuedAt: { $lt: NOW } }, { queuedAt: { $exists: false }, createdAt: { $lt: NOW } }],
    });
  });
});
