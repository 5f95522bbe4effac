import { describe, expect, it } from 'vitest';
import type { DeliveryLedger } from '../../src/application/ports/delivery-ledger.port.ts';
import { deliveryRequest } from '../support/deliveries.ts';
import { concurrencyCases } from './delivery-ledger.concurrency.contract.ts';
import { historyCases } from './delivery-ledger.history.contract.ts';

export interface LedgerHarness {
  /** A ledger over empty storage; `second` is another ledger on the same storage, as another process would have. */
  create(): Promise<{ ledger: DeliveryLedger; second: DeliveryLedger; close(): Promise<void> }>;
}

const T0 = new Date('2026-11-23T14:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 60_000;

const dueIds = async (ledger: DeliveryLedger, now: Date, limit: number) => (await ledger.due(now, limit)).map((delivery) => delivery.id);

/** What every DeliveryLedger adapter must do (src/application/ports/delivery-ledger.port.ts). */
export function deliveryLedgerContract(name: string, harness: LedgerHarness): void {
  describe(`DeliveryLedger contract: ${name}`, () => {
    const withLedger = (test: (ledgers: { ledger: DeliveryLedger; second: DeliveryLedger }) => Promise<void>) => async () => {
      const { ledger, second, close } = await harness.create();
      try {
        await test({ ledger, second });
      } finally {
        await close();
      }
    };

    concurrencyCases(withLedger);
    historyCases(withLedger);

    it(
      'creates a delivery once however often the same request is recorded',
      withLedger(async ({ ledger }) => {
        const first = await ledger.record([deliveryRequest(1, 1), deliveryRequest(1, 1)], T0);
        const again = await ledger.record([deliveryRequest(1, 1)], at(5));
        expect(first.created).toHaveLength(1);
        expect(first.existing).toHaveLength(1);
        expect(again.created).toHaveLength(0);
        expect(again.existing.map((d) => d.id)).toEqual([first.created[0]!.id]);
        expect(first.created[0]).toMatchObject({ status: 'queued', attempts: 0, provider: null, lastError: null, eventKey: 'e1' });
      }),
    );

    it(
      'answers for each delivery it creates exactly what it then reads back, and the same again for a duplicate',
      withLedger(async ({ ledger, second }) => {
        const { created } = await ledger.record([deliveryRequest(1, 1), deliveryRequest(2, 2, 'meltwater-newsletter')], at(7));
        expect(created).toHaveLength(2);
        for (const delivery of created) {
          expect(await second.get(delivery.id)).toEqual(delivery);
          expect(await ledger.get(delivery.id)).toEqual(delivery);
        }
        const { existing } = await second.record([deliveryRequest(1, 1)], at(9));
        expect(existing).toEqual([created[0]]);
      }),
    );

    it(
      'creates each delivery once when two processes record the same requests concurrently',
      withLedger(async ({ ledger, second }) => {
        const requests = [1, 2, 3].flatMap((event) => [1, 2].map((recipient) => deliveryRequest(event, recipient)));
        const outcomes = await Promise.all([
          ledger.record(requests, T0),
          second.record(requests, T0),
          ledger.record(requests.slice(2), T0),
        ]);
        expect(outcomes.reduce((sum, outcome) => sum + outcome.created.length, 0)).toBe(6);
        expect(await ledger.list({ limit: 100 })).toHaveLength(6);
      }),
    );

    it(
      'keeps the message, job, client and recipient of a delivery',
      withLedger(async ({ ledger }) => {
        const request = deliveryRequest(7, 3, 'meltwater-newsletter');
        const { created } = await ledger.record([request], T0);
        expect(await ledger.get(created[0]!.id)).toMatchObject({
          job: 'meltwater-newsletter',
          eventKey: 'e7',
          clientId: request.clientId,
          recipient: request.recipient,
          message: request.message,
          createdAt: T0,
        });
        expect(await ledger.get('missing')).toBeUndefined();
      }),
    );

    it(
      'lists as due what is queued, oldest first, and nothing else',
      withLedger(async ({ ledger }) => {
        const a = (await ledger.record([deliveryRequest(1, 1)], T0)).created[0]!;
        const b = (await ledger.record([deliveryRequest(2, 1)], at(10))).created[0]!;
        expect(await ledger.due(at(20), 10)).toEqual([
          { id: a.id, job: 'offline-alert', eventKey: 'e1', channel: 'whatsapp' },
          { id: b.id, job: 'offline-alert', eventKey: 'e2', channel: 'whatsapp' },
        ]);
        expect(await dueIds(ledger, at(20), 1)).toEqual([a.id]);
        await ledger.claim(a.id, at(20), LEASE);
        expect(await dueIds(ledger, at(20), 10)).toEqual([b.id]);
      }),
    );

    it(
      'hands a delivery to one sender at a time and counts attempts',
      withLedger(async ({ ledger, second }) => {
        const { id } = (await ledger.record([deliveryRequest(1, 1)], T0)).created[0]!;
        const claims = await Promise.all([ledger.claim(id, at(1), LEASE), second.claim(id, at(1), LEASE), ledger.claim(id, at(2), LEASE)]);
        const taken = claims.filter((claim) => claim !== undefined);
        expect(taken).toHaveLength(1);
        expect(taken[0]!.delivery).toMatchObject({ status: 'sending', attempts: 1 });
        expect(await dueIds(ledger, at(LEASE), 10)).toEqual([]);
      }),
    );

    it(
      'makes a delivery due again when its sender let the lease expire',
      withLedger(async ({ ledger, second }) => {
        const { id } = (await ledger.record([deliveryRequest(1, 1)], T0)).created[0]!;
        const stale = (await ledger.claim(id, at(0), LEASE))!;
        expect(await dueIds(ledger, at(LEASE + 1), 10)).toEqual([id]);
        const fresh = (await second.claim(id, at(LEASE + 1), LEASE))!;
        expect(fresh.delivery.attempts).toBe(2);
        // The sender that lost its lease cannot undo the new sender's work.
        await ledger.reschedule(stale, { provider: 'outbox', error: 'late', nextAttemptAt: at(10) }, at(LEASE + 2));
        await ledger.markFailed(stale, { provider: 'outbox', error: 'late' }, at(LEASE + 2));
        expect(await ledger.get(id)).toMatchObject({ status: 'sending', lastError: null });
        await second.markSent(fresh, { provider: 'outbox', providerMessageId: 'p-1' }, at(LEASE + 3));
        expect(await ledger.get(id)).toMatchObject({ status: 'sent', provider: 'outbox', providerMessageId: 'p-1', attempts: 2 });
      }),
    );

    it(
      'never hands out a sent delivery again',
      withLedger(async ({ ledger }) => {
        const { id } = (await ledger.record([deliveryRequest(1, 1)], T0)).created[0]!;
        const claim = (await ledger.claim(id, at(1), LEASE))!;
        await ledger.markSent(claim, { provider: 'outbox', providerMessageId: null }, at(2));
        expect(await ledger.claim(id, at(LEASE * 10), LEASE)).toBeUndefined();
        expect(await dueIds(ledger, at(LEASE * 10), 10)).toEqual([]);
        const again = await ledger.record([deliveryRequest(1, 1)], at(3));
        expect(again.existing[0]).toMatchObject({ status: 'sent' });
      }),
    );

    it(
      'keeps a rescheduled delivery queued with its error until its next attempt',
      withLedger(async ({ ledger }) => {
        const { id } = (await ledger.record([deliveryRequest(1, 1)], T0)).created[0]!;
        const claim = (await ledger.claim(id, at(1), LEASE))!;
        await ledger.reschedule(claim, { provider: 'waapi', error: 'unavailable: HTTP 503', nextAttemptAt: at(5_000) }, at(2));
        expect(await ledger.get(id)).toMatchObject({
          status: 'queued',
          attempts: 1,
          lastError: 'unavailable: HTTP 503',
          provider: 'waapi',
        });
        expect(await dueIds(ledger, at(4_999), 10)).toEqual([]);
        expect(await ledger.claim(id, at(4_999), LEASE)).toBeUndefined();
        expect(await dueIds(ledger, at(5_000), 10)).toEqual([id]);
        expect((await ledger.claim(id, at(5_000), LEASE))!.delivery.attempts).toBe(2);
      }),
    );

    it(
      'gives back the attempt of a rate-limited delivery rescheduled without spending it, keeping the error and the wait',
      withLedger(async ({ ledger, second }) => {
        const { id } = (await ledger.record([deliveryRequest(1, 1)], T0)).created[0]!;
        const first = (await ledger.claim(id, at(1), LEASE))!;
        await ledger.reschedule(first, { provider: 'waapi', error: 'unavailable: HTTP 503', nextAttemptAt: at(10) }, at(2));
        const limited = (await ledger.claim(id, at(10), LEASE))!;
        expect(limited.delivery.attempts).toBe(2);
        await ledger.reschedule(
          limited,
          { provider: 'waapi', error: 'rate_limited: HTTP 429', nextAttemptAt: at(30_000), attemptSpent: false },
          at(11),
        );
        expect(await second.get(id)).toMatchObject({
          status: 'queued',
          attempts: 1,
          lastError: 'rate_limited: HTTP 429',
          waitingFor: null,
        });
        expect(await dueIds(ledger, at(29_999), 10)).toEqual([]);
        expect(await dueIds(ledger, at(30_000), 10)).toEqual([id]);
        expect((await ledger.claim(id, at(30_000), LEASE))!.delivery.attempts).toBe(2);
        // A sender that lost its claim gives nothing back.
        await ledger.reschedule(limited, { provider: 'waapi', error: 'late', nextAttemptAt: at(40_000), attemptSpent: false }, at(30_001));
        expect(await second.get(id)).toMatchObject({ status: 'sending', attempts: 2 });
      }),
    );

    it(
      'records a permanent failure with its reason and never sends it again',
      withLedger(async ({ ledger }) => {
        const { id } = (await ledger.record([deliveryRequest(1, 1)], T0)).created[0]!;
        const claim = (await ledger.claim(id, at(1), LEASE))!;
        await ledger.markFailed(claim, { provider: 'waapi', error: 'invalid_recipient: not on WhatsApp' }, at(2));
        expect(await ledger.get(id)).toMatchObject({ status: 'failed', lastError: 'invalid_recipient: not on WhatsApp' });
        expect(await dueIds(ledger, at(LEASE * 10), 10)).toEqual([]);
      }),
    );

    it(
      'moves sent deliveries forward on receipts, never back',
      withLedger(async ({ ledger }) => {
        const { id } = (await ledger.record([deliveryRequest(1, 1)], T0)).created[0]!;
        const claim = (await ledger.claim(id, at(1), LEASE))!;
        await ledger.markSent(claim, { provider: 'waapi', providerMessageId: 'true_506@c.us_ABC' }, at(2));
        const byMessage = { providerMessageId: 'true_506@c.us_ABC' };
        expect(await ledger.recordReceipt('waapi', byMessage, 'delivered', at(3))).toBe(true);
        expect((await ledger.get(id))!.status).toBe('delivered');
        expect(await ledger.recordReceipt('waapi', byMessage, 'read', at(4))).toBe(true);
        expect(await ledger.recordReceipt('waapi', byMessage, 'delivered', at(5))).toBe(false);
        expect((await ledger.get(id))!.status).toBe('read');
        expect(await ledger.recordReceipt('waapi', { providerMessageId: 'unknown' }, 'read', at(6))).toBe(false);
        expect(await ledger.recordReceipt('gowa', byMessage, 'read', at(6))).toBe(false);
      }),
    );

    it(
      'fails a sent delivery on a late failure receipt, with its reason, but never one already delivered',
      withLedger(async ({ ledger }) => {
        const [first, second] = (await ledger.record([deliveryRequest(1, 1), deliveryRequest(1, 2)], T0)).created;
        await ledger.markSent(
          (await ledger.claim(first!.id, at(1), LEASE))!,
          { provider: 'cloudapi', providerMessageId: 'wamid.A' },
          at(2),
        );
        await ledger.markSent(
          (await ledger.claim(second!.id, at(1), LEASE))!,
          { provider: 'cloudapi', providerMessageId: 'wamid.B' },
          at(2),
        );
        expect(await ledger.recordReceipt('cloudapi', { providerMessageId: 'wamid.A' }, 'failed', at(3), '131049: not delivered')).toBe(
          true,
        );
        expect(await ledger.get(first!.id)).toMatchObject({ status: 'failed', lastError: '131049: not delivered' });
        expect(await ledger.recordReceipt('cloudapi', { providerMessageId: 'wamid.B' }, 'read', at(3))).toBe(true);
        expect(await ledger.recordReceipt('cloudapi', { providerMessageId: 'wamid.B' }, 'failed', at(4), 'late')).toBe(false);
        expect(await ledger.get(second!.id)).toMatchObject({ status: 'read', lastError: null });
        // Another device's "delivered" after a failure: the message did arrive.
        expect(await ledger.recordReceipt('cloudapi', { providerMessageId: 'wamid.A' }, 'delivered', at(5))).toBe(true);
        expect((await ledger.get(first!.id))!.status).toBe('delivered');
      }),
    );

    it(
      'closes a claimed delivery as suppressed: final, never due again, and held claims only',
      withLedger(async ({ ledger, second }) => {
        const { id } = (await ledger.record([deliveryRequest(1, 1)], T0)).created[0]!;
        const claim = (await ledger.claim(id, at(1), LEASE))!;
        await ledger.markSuppressed(claim, at(2));
        expect(await ledger.get(id)).toMatchObject({ status: 'suppressed', attempts: 1 });
        expect(await dueIds(second, at(LEASE * 10), 10)).toEqual([]);
        expect(await second.claim(id, at(LEASE * 10), LEASE)).toBeUndefined();
        expect(await ledger.list({ status: 'suppressed', limit: 10 })).toHaveLength(1);
      }),
    );

    it(
      'applies a receipt that arrived before the send was confirmed',
      withLedger(async ({ ledger, second }) => {
        const { id } = (await ledger.record([deliveryRequest(1, 1)], T0)).created[0]!;
        const claim = (await ledger.claim(id, at(1), LEASE))!;
        expect(await second.recordReceipt('gowa', { providerMessageId: '3EB0B430' }, 'read', at(2))).toBe(false);
        expect(await second.recordReceipt('gowa', { providerMessageId: '3EB0B430' }, 'delivered', at(2))).toBe(false);
        await ledger.markSent(claim, { provider: 'gowa', providerMessageId: '3EB0B430' }, at(3));
        expect(await ledger.get(id)).toMatchObject({ status: 'read', providerMessageId: '3EB0B430' });
      }),
    );

    it(
      'matches a receipt on any of the forms of its message id (Waapi: the hash, or the serialized id of an older send)',
      withLedger(async ({ ledger }) => {
        const [older, newer] = (await ledger.record([deliveryRequest(1, 1), deliveryRequest(1, 2)], T0)).created;
        await ledger.markSent(
          (await ledger.claim(older!.id, at(1), LEASE))!,
          { provider: 'waapi', providerMessageId: 'true_50688000001@c.us_3EB0AA' },
          at(2),
        );
        await ledger.markSent((await ledger.claim(newer!.id, at(1), LEASE))!, { provider: 'waapi', providerMessageId: '3EB0BB' }, at(2));
        // The serialized form changed between the send and the ack (a LID id): only the hash still matches.
        const lidAck = { providerMessageId: '3EB0BB', aliases: ['true_12345678901234@lid_3EB0BB'] };
        expect(await ledger.recordReceipt('waapi', lidAck, 'delivered', at(3))).toBe(true);
        const olderAck = { providerMessageId: '3EB0AA', aliases: ['true_50688000001@c.us_3EB0AA'] };
        expect(await ledger.recordReceipt('waapi', olderAck, 'read', at(3))).toBe(true);
        expect([(await ledger.get(older!.id))!.status, (await ledger.get(newer!.id))!.status]).toEqual(['read', 'delivered']);
        expect(await ledger.recordReceipt('gowa', lidAck, 'read', at(4))).toBe(false);
      }),
    );

    it(
      'fails a sent delivery on a failure receipt, with its reason, found by any form of its id; never one that went further',
      withLedger(async ({ ledger }) => {
        const [first, second] = (await ledger.record([deliveryRequest(1, 1), deliveryRequest(1, 2)], T0)).created;
        await ledger.markSent((await ledger.claim(first!.id, at(1), LEASE))!, { provider: 'waapi', providerMessageId: '3EB0F1' }, at(2));
        await ledger.markSent((await ledger.claim(second!.id, at(1), LEASE))!, { provider: 'waapi', providerMessageId: '3EB0F2' }, at(2));
        const reason = 'WhatsApp reported an error for this message (ack -1)';
        expect(await ledger.recordReceipt('waapi', { providerMessageId: 'x', aliases: ['3EB0F1'] }, 'failed', at(3), reason)).toBe(true);
        expect(await ledger.get(first!.id)).toMatchObject({ status: 'failed', lastError: reason });
        expect(await ledger.recordReceipt('gowa', { providerMessageId: '3EB0F2' }, 'failed', at(3), reason)).toBe(false);
        expect(await ledger.recordReceipt('waapi', { providerMessageId: '3EB0F2' }, 'read', at(3))).toBe(true);
        expect(await ledger.recordReceipt('waapi', { providerMessageId: '3EB0F2' }, 'failed', at(4), reason)).toBe(false);
        expect(await ledger.get(second!.id)).toMatchObject({ status: 'read', lastError: null });
        expect(await ledger.recordReceipt('waapi', { providerMessageId: 'unknown' }, 'failed', at(5), reason)).toBe(false);
      }),
    );

    it(
      'finds a delivery by its own id for providers that echo it back in receipts',
      withLedger(async ({ ledger }) => {
        const { id } = (await ledger.record([deliveryRequest(1, 1)], T0)).created[0]!;
        const claim = (await ledger.claim(id, at(1), LEASE))!;
        await ledger.markSent(claim, { provider: 'botmaker', providerMessageId: 'notification-1' }, at(2));
        expect(await ledger.recordReceipt('botmaker', { deliveryId: id }, 'read', at(3))).toBe(true);
        expect((await ledger.get(id))!.status).toBe('read');
        expect(await ledger.recordReceipt('waapi', { deliveryId: id }, 'read', at(3))).toBe(false);
      }),
    );

    it(
      'keeps a push notification to a device apart from WhatsApp messages of the same event',
      withLedger(async ({ ledger }) => {
        const push = { ...deliveryRequest(1, 1), channel: 'push' as const, recipient: 'onesignal-player-1' };
        const { created } = await ledger.record([deliveryRequest(1, 1), push, push], T0);
        expect(created.map((delivery) => [delivery.channel, delivery.recipient])).toEqual([
          ['whatsapp', '+50688000001'],
          ['push', 'onesignal-player-1'],
        ]);
        expect((await ledger.due(at(1), 10)).map((delivery) => delivery.channel).sort()).toEqual(['push', 'whatsapp']);
      }),
    );

    it(
      'lists newest first, filtered by client, status and job',
      withLedger(async ({ ledger }) => {
        await ledger.record([deliveryRequest(1, 1)], at(1));
        await ledger.record([deliveryRequest(2, 1, 'meltwater-alert')], at(2));
        await ledger.record([{ ...deliveryRequest(3, 2), clientId: null }], at(3));
        expect((await ledger.list({ limit: 10 })).map((d) => d.eventKey)).toEqual(['e3', 'e2', 'e1']);
        expect((await ledger.list({ limit: 2 })).map((d) => d.eventKey)).toEqual(['e3', 'e2']);
        expect((await ledger.list({ limit: 10, job: 'meltwater-alert' })).map((d) => d.eventKey)).toEqual(['e2']);
        expect((await ledger.list({ limit: 10, clientId: '5792a7288ac8f35b0aa93bee' })).map((d) => d.eventKey)).toEqual(['e2', 'e1']);
        // null: the deliveries of no single client (issue 17 §3, shown as "unknown").
        expect((await ledger.list({ limit: 10, clientId: null })).map((d) => d.eventKey)).toEqual(['e3']);
        expect(await ledger.list({ limit: 10, status: 'sent' })).toEqual([]);
      }),
    );

    it(
      'lists by recipient and creation time, and pages with an offset, newest first',
      withLedger(async ({ ledger }) => {
        await ledger.record([deliveryRequest(1, 1), deliveryRequest(1, 2)], at(1));
        await ledger.record([deliveryRequest(2, 1)], at(2));
        await ledger.record([deliveryRequest(3, 1)], at(3));
        const keys = async (filter: Parameters<DeliveryLedger['list']>[0]) =>
          (await ledger.list(filter)).map((d) => `${d.eventKey}/${d.recipient.slice(-2)}`);
        expect(await keys({ limit: 10, recipient: '+50688000001' })).toEqual(['e3/01', 'e2/01', 'e1/01']);
        expect(await keys({ limit: 10, recipient: '+50688000002' })).toEqual(['e1/02']);
        expect(await keys({ limit: 10, recipient: '+50688000099' })).toEqual([]);
        expect(await keys({ limit: 10, createdFrom: at(2) })).toEqual(['e3/01', 'e2/01']);
        expect(await keys({ limit: 10, createdBefore: at(2) })).toHaveLength(2);
        expect(await keys({ limit: 10, createdFrom: at(2), createdBefore: at(3) })).toEqual(['e2/01']);
        expect(await keys({ limit: 2, offset: 0, recipient: '+50688000001' })).toEqual(['e3/01', 'e2/01']);
        expect(await keys({ limit: 2, offset: 2, recipient: '+50688000001' })).toEqual(['e1/01']);
        expect(await keys({ limit: 2, offset: 10 })).toEqual([]);
      }),
    );

    it(
      'counts only the deliveries created since a time, when asked',
      withLedger(async ({ ledger }) => {
        await ledger.record([deliveryRequest(1, 1), deliveryRequest(1, 2)], T0);
        await ledger.record([deliveryRequest(2, 1, 'offline-report')], at(10));
        expect(await ledger.counts(at(5))).toEqual([{ job: 'offline-report', status: 'queued', count: 1 }]);
        expect(await ledger.counts(at(11))).toEqual([]);
        expect((await ledger.counts()).reduce((sum, row) => sum + row.count, 0)).toBe(3);
      }),
    );

    it(
      'counts deliveries by job and status',
      withLedger(async ({ ledger }) => {
        await ledger.record([deliveryRequest(1, 1), deliveryRequest(1, 2), deliveryRequest(2, 1, 'offline-report')], T0);
        const counts = await ledger.counts();
        expect(counts).toEqual(
          expect.arrayContaining([
            { job: 'offline-alert', status: 'queued', count: 2 },
            { job: 'offline-report', status: 'queued', count: 1 },
          ]),
        );
      }),
    );

    it(
      'forgets only finished deliveries older than the retention limit',
      withLedger(async ({ ledger }) => {
        const [old, waiting] = (await ledger.record([deliveryRequest(1, 1), deliveryRequest(2, 1)], T0)).created;
        const claim = (await ledger.claim(old!.id, at(1), LEASE))!;
        await ledger.markSent(claim, { provider: 'outbox', providerMessageId: null }, at(2));
        expect(await ledger.purge(at(1))).toBe(0);
        expect(await ledger.purge(at(10))).toBe(1);
        expect(await ledger.get(old!.id)).toBeUndefined();
        expect(await ledger.get(waiting!.id)).toBeDefined();
        // Forgotten means a repeat would now be sent again: the retention period is what prevents it.
        expect((await ledger.record([deliveryRequest(1, 1)], at(20))).created).toHaveLength(1);
      }),
    );

    // Issue 10: waiting for a provider, expiry, resend and history.
    it(
      'parks a delivery for a provider that is down without spending its attempt, and wakes it, oldest first, when the provider is back',
      withLedger(async ({ ledger, second }) => {
        const [older, newer] = (await ledger.record([deliveryRequest(1, 1), deliveryRequest(2, 1)], T0)).created;
        for (const [delivery, until] of [
          [older!, 60_000],
          [newer!, 500_000],
        ] as const) {
          const claim = (await ledger.claim(delivery.id, at(10), LEASE))!;
          await ledger.park(claim, { provider: 'waapi', cause: 'unavailable: ECONNREFUSED', nextAttemptAt: at(until) }, at(20));
        }
        const parked = (await second.get(older!.id))!;
        expect(parked).toMatchObject({ status: 'queued', attempts: 0, waitingFor: 'waapi', lastError: 'unavailable: ECONNREFUSED' });
        expect(parked.waitingSince).toEqual(at(20));
        expect(await second.waitingCount('waapi')).toBe(2);
        expect(await second.waitingCount('gowa')).toBe(0);
        expect(await dueIds(ledger, at(30_000), 10)).toEqual([]);

        // A second look while still down keeps when the wait began and writes no second "waiting".
        const again = (await ledger.claim(older!.id, at(60_000), LEASE))!;
        expect(again.delivery.attempts).toBe(1);
        await ledger.park(
          again,
          { provider: 'waapi', cause: 'not_ready: waapi session not ready (qr)', nextAttemptAt: at(120_000) },
          at(60_001),
        );
        expect((await ledger.get(older!.id))!).toMatchObject({
          attempts: 0,
          waitingSince: at(20),
          lastError: 'not_ready: waapi session not ready (qr)',
        });

        expect((await second.wake('waapi', at(70_000))).sort()).toEqual([older!.id, newer!.id].sort());
        expect(await dueIds(ledger, at(70_000), 10)).toEqual([older!.id, newer!.id]);
        const sending = (await ledger.claim(older!.id, at(70_001), LEASE))!;
        await ledger.markSent(sending, { provider: 'waapi', providerMessageId: 'm1' }, at(70_002));
        expect(await ledger.get(older!.id)).toMatchObject({ status: 'sent', attempts: 1, waitingFor: null, waitingSince: null });
        expect(await ledger.waitingCount('waapi')).toBe(1);
        expect((await ledger.history(older!.id)).map((event) => event.type)).toEqual([
          'recorded',
          'claimed',
          'waiting',
          'claimed',
          'claimed',
          'sent',
        ]);
      }),
    );

    it(
      'expires queued deliveries older than a limit, with the reason, and leaves held and recent ones alone',
      withLedger(async ({ ledger, second }) => {
        const [old, held, recent] = (await ledger.record([deliveryRequest(1, 1), deliveryRequest(2, 1)], T0)).created.concat(
          (await ledger.record([deliveryRequest(3, 1)], at(50_000))).created,
        );
        const claim = (await ledger.claim(held!.id, at(1), LEASE))!;
        expect(await second.expireStale('offline-alert', at(10_000), 'too old', at(60_000))).toBe(1);
        expect(await second.expireStale('meltwater-alert', at(100_000), 'too old', at(60_000))).toBe(0);
        expect(await ledger.get(old!.id)).toMatchObject({ status: 'expired', lastError: 'too old' });
        expect((await ledger.get(held!.id))!.status).toBe('sending');
        expect((await ledger.get(recent!.id))!.status).toBe('queued');
        await ledger.markExpired(claim, 'waited longer than 24 h', at(60_001));
        expect(await ledger.get(held!.id)).toMatchObject({ status: 'expired', lastError: 'waited longer than 24 h' });
        expect(await ledger.due(at(90_000_000), 10)).toEqual(
          [recent!].map((d) => ({ id: d.id, job: d.job, eventKey: d.eventKey, channel: d.channel })),
        );
        expect((await ledger.history(old!.id)).map((event) => [event.type, event.detail])).toEqual([
          ['recorded', 'offline-alert via whatsapp'],
          ['expired', 'too old'],
        ]);
        expect(await ledger.counts()).toEqual(expect.arrayContaining([{ job: 'offline-alert', status: 'expired', count: 2 }]));
      }),
    );

    it(
      'expires older versions of a newsletter still queued for the same recipient, and nothing else',
      withLedger(async ({ ledger }) => {
        const { created: versionOne } = await ledger.record(
          [
            deliveryRequest('dist1:aaaa', 1, 'meltwater-newsletter'),
            deliveryRequest('dist1:aaaa', 2, 'meltwater-newsletter'),
            deliveryRequest('dist2:aaaa', 1, 'meltwater-newsletter'),
          ],
          T0,
        );
        const sentClaim = (await ledger.claim(versionOne[1]!.id, at(1), LEASE))!;
        await ledger.markSent(sentClaim, { provider: 'outbox', providerMessageId: null }, at(2));
        const newer = (
          await ledger.record(
            [deliveryRequest('dist1:bbbb', 1, 'meltwater-newsletter'), deliveryRequest('dist1:bbbb', 2, 'meltwater-newsletter')],
            at(10),
          )
        ).created;
        for (const delivery of newer) {
          await ledger.expireSuperseded({ ...delivery, series: 'dist1:' }, 'a newer version', at(11));
        }
        expect((await ledger.get(versionOne[0]!.id))!.status).toBe('expired');
        expect((await ledger.get(versionOne[1]!.id))!.status).toBe('sent');
        expect((await ledger.get(versionOne[2]!.id))!.status).toBe('queued');
        for (const delivery of newer) expect((await ledger.get(delivery.id))!.status).toBe('queued');
      }),
    );

    it(
      'requeues only failed and expired deliveries, by id or filter, keeping their id and history, attempts starting over',
      withLedger(async ({ ledger, second }) => {
        const [failed, expired, sent, otherJob] = (
          await ledger.record(
            [deliveryRequest(1, 1), deliveryRequest(2, 1), deliveryRequest(3, 1), deliveryRequest(5, 1, 'offline-report')],
            T0,
          )
        ).created;
        const failedClaim = (await ledger.claim(failed!.id, at(1), LEASE))!;
        await ledger.markFailed(failedClaim, { provider: 'waapi', error: 'invalid_recipient: not on WhatsApp' }, at(2));
        const sentClaim = (await ledger.claim(sent!.id, at(1), LEASE))!;
        await ledger.markSent(sentClaim, { provider: 'waapi', providerMessageId: 'm3' }, at(2));
        const reportClaim = (await ledger.claim(otherJob!.id, at(1), LEASE))!;
        await ledger.markFailed(reportClaim, { provider: 'waapi', error: 'rejected: no' }, at(2));
        expect(await ledger.expireStale('offline-alert', at(1), 'too old', at(3))).toBe(1);
        expect((await ledger.get(expired!.id))!.status).toBe('expired');
        const queued = (await ledger.record([deliveryRequest(4, 1)], at(10))).created[0]!;

        expect(await second.findResendable({ status: 'failed' }, 100)).toEqual([failed!.id, otherJob!.id]);
        expect(await second.findResendable({ status: 'failed', job: 'offline-alert' }, 100)).toEqual([failed!.id]);
        expect((await second.findResendable({ job: 'offline-alert' }, 100)).sort()).toEqual([failed!.id, expired!.id].sort());
        expect(await second.findResendable({ ids: [queued.id] }, 100)).toEqual([]);
        expect(await second.findResendable({ since: at(1) }, 100)).toEqual([]);
        expect(await second.findResendable({ until: at(1), clientId: '5792a7288ac8f35b0aa93bee', status: 'failed' }, 100)).toEqual([
          failed!.id,
          otherJob!.id,
        ]);
        expect(await second.findResendable({ ids: [sent!.id, failed!.id, 'missing'] }, 100)).toEqual([failed!.id]);

        expect(await second.requeue([failed!.id, sent!.id, failed!.id], at(100))).toEqual([failed!.id]);
        expect(await ledger.requeue([failed!.id], at(101))).toEqual([]);
        const requeued = (await ledger.get(failed!.id))!;
        expect(requeued).toMatchObject({ id: failed!.id, status: 'queued', attempts: 0, queuedAt: at(100), nextAttemptAt: at(100) });
        expect((await ledger.get(sent!.id))!.status).toBe('sent');
        expect(await dueIds(ledger, at(100), 10)).toEqual([queued.id, failed!.id]);
        expect((await ledger.history(failed!.id)).map((event) => event.type)).toEqual(['recorded', 'claimed', 'failed', 'requeued']);
        expect((await ledger.history(failed!.id))[2]!.detail).toBe('waapi: invalid_recipient: not on WhatsApp');
        expect(await ledger.history('missing')).toEqual([]);
      }),
    );

    it(
      'writes the whole life of a delivery into its history, oldest first',
      withLedger(async ({ ledger }) => {
        const delivery = (await ledger.record([deliveryRequest(1, 1)], T0)).created[0]!;
        const first = (await ledger.claim(delivery.id, at(1), LEASE))!;
        await ledger.reschedule(first, { provider: 'waapi', error: 'rate_limited: HTTP 429', nextAttemptAt: at(2) }, at(1));
        const second = (await ledger.claim(delivery.id, at(3), LEASE))!;
        await ledger.markSent(second, { provider: 'waapi', providerMessageId: 'wamid-1' }, at(4));
        await ledger.recordReceipt('waapi', { providerMessageId: 'wamid-1' }, 'delivered', at(5));
        await ledger.recordReceipt('waapi', { providerMessageId: 'wamid-1' }, 'read', at(6));
        const events = await ledger.history(delivery.id);
        expect(events.map((event) => event.type)).toEqual([
          'recorded',
          'claimed',
          'attempt-failed',
          'claimed',
          'sent',
          'delivered',
          'read',
        ]);
        expect(events.map((event) => event.at)).toEqual([T0, at(1), at(1), at(3), at(4), at(5), at(6)]);
        expect(events[2]!.detail).toBe('waapi: rate_limited: HTTP 429');
        expect(events[4]!.detail).toBe('sent by waapi, message wamid-1');
      }),
    );
  });
}
