import { fc } from '@fast-check/vitest';
import { expect, it } from 'vitest';
import type { Claim, DeliveryLedger } from '../../src/application/ports/delivery-ledger.port.ts';
import type { DeliveryEvent } from '../../src/domain/deliveries/delivery-event.ts';
import type { DeliveryStatus } from '../../src/domain/deliveries/delivery.ts';
import { deliveryRequest } from '../support/deliveries.ts';

type Ledgers = { ledger: DeliveryLedger; second: DeliveryLedger };
type WithLedger = (test: (ledgers: Ledgers) => Promise<void>) => () => Promise<void>;

const T0 = new Date('2026-11-23T14:00:00Z');
/** Short, so that some claims run out while the steps below pass and the next claim takes the delivery over. */
const LEASE_MS = 5;

type Step =
  | { kind: 'claim' }
  | { kind: 'sent'; withMessageId: boolean }
  | { kind: 'reschedule'; attemptSpent: boolean }
  | { kind: 'failed' }
  | { kind: 'park' }
  | { kind: 'expired' }
  | { kind: 'suppressed' }
  | { kind: 'receipt'; status: 'delivered' | 'read' | 'failed' }
  | { kind: 'requeue' }
  | { kind: 'expire-stale' };

/** One thing that happens to the delivery: `after` milliseconds after the previous one, by either process, as the newest claim's holder or the one before. */
interface Happening {
  readonly step: Step;
  readonly after: number;
  readonly onSecond: boolean;
  readonly byStaleHolder: boolean;
}

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'claim' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sent' as const), withMessageId: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reschedule' as const), attemptSpent: fc.boolean() }) },
  fc.constant({ kind: 'failed' as const }),
  { weight: 2, arbitrary: fc.constant({ kind: 'park' as const }) },
  fc.constant({ kind: 'expired' as const }),
  fc.constant({ kind: 'suppressed' as const }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('receipt' as const), status: fc.constantFrom('delivered' as const, 'read' as const, 'failed' as const) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'requeue' as const }) },
  fc.constant({ kind: 'expire-stale' as const }),
);

const happening: fc.Arbitrary<Happening> = fc.record({
  step,
  after: fc.integer({ min: 0, max: 4 }),
  onSecond: fc.boolean(),
  byStaleHolder: fc.boolean(),
});

/**
 * What the ledger is told happened, and the history that says so, written down as it happens: the rules of the
 * port (who may do what in which status), not the ledger's storage. The oracle the ledger's history must equal.
 */
class Story {
  readonly events: DeliveryEvent[] = [{ at: T0, type: 'recorded', detail: 'offline-alert via whatsapp' }];
  status: DeliveryStatus = 'queued';
  #attempts = 0;
  #holder: string | null = null;
  #leaseUntil = 0;
  #waiting = false;
  messageId: string | null = null;

  claimable(at: number): boolean {
    return this.status === 'queued' || (this.status === 'sending' && this.#leaseUntil <= at);
  }

  held(claim: Claim | undefined): claim is Claim {
    return claim !== undefined && this.status === 'sending' && this.#holder === claim.token;
  }

  claimed(claim: Claim, at: number): void {
    this.#attempts += 1;
    this.status = 'sending';
    this.#holder = claim.token;
    this.#leaseUntil = at + LEASE_MS;
    this.#happened(at, 'claimed', `attempt ${this.#attempts}`);
  }

  sent(messageId: string | null, at: number): void {
    if (['sent', 'delivered', 'read'].includes(this.status)) return;
    this.status = 'sent';
    this.messageId = messageId;
    this.#holder = null;
    this.#waiting = false;
    this.#happened(at, 'sent', `sent by waapi${messageId === null ? '' : `, message ${messageId}`}`);
  }

  rescheduled(attemptSpent: boolean, at: number): void {
    this.status = 'queued';
    if (!attemptSpent) this.#attempts = Math.max(this.#attempts - 1, 0);
    this.#holder = null;
    this.#waiting = false;
    this.#happened(at, 'attempt-failed', 'waapi: rate_limited: HTTP 429');
  }

  ended(status: 'failed' | 'expired' | 'suppressed', detail: string, at: number): void {
    this.status = status;
    this.#holder = null;
    this.#happened(at, status, detail);
  }

  parked(at: number): void {
    this.status = 'queued';
    this.#attempts = Math.max(this.#attempts - 1, 0);
    this.#holder = null;
    if (!this.#waiting) this.#happened(at, 'waiting', 'waiting for waapi: HTTP 503');
    this.#waiting = true;
  }

  receipt(status: 'delivered' | 'read' | 'failed', at: number): void {
    const from: Record<typeof status, DeliveryStatus[]> = {
      delivered: ['sending', 'sent', 'failed'],
      read: ['sending', 'sent', 'delivered', 'failed'],
      failed: ['sending', 'sent'],
    };
    if (!from[status].includes(this.status)) return;
    this.status = status;
    this.#happened(at, status, status === 'failed' ? 'receipt from waapi: ack -1' : 'receipt from waapi');
  }

  requeued(at: number): void {
    if (this.status !== 'failed' && this.status !== 'expired') return;
    this.status = 'queued';
    this.#attempts = 0;
    this.#holder = null;
    this.#waiting = false;
    this.#happened(at, 'requeued', 'requeued by an operator; attempts start over');
  }

  #happened(at: number, type: DeliveryEvent['type'], detail: string): void {
    this.events.push({ at: new Date(at), type, detail });
  }
}

/** The history of a delivery, read back, is the story of what happened to it: for any sequence of attempts and outcomes. */
export function historyCases(withLedger: WithLedger): void {
  it('reads back, for any sequence of attempts and outcomes, exactly the events that happened, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(happening, { minLength: 1, maxLength: 24 }), async (happenings) => {
        await withLedger(async (ledgers) => {
          const id = (await ledgers.ledger.record([deliveryRequest(1, 1)], T0)).created[0]!.id;
          const story = new Story();
          const claims: Claim[] = [];
          let now = T0.getTime();
          let sends = 0;
          for (const { step, after, onSecond, byStaleHolder } of happenings) {
            now += after;
            const at = new Date(now);
            const ledger = onSecond ? ledgers.second : ledgers.ledger;
            const claim = claims.at(byStaleHolder && claims.length > 1 ? -2 : -1);
            switch (step.kind) {
              case 'claim': {
                const taken = await ledger.claim(id, at, LEASE_MS);
                expect(taken !== undefined).toBe(story.claimable(now));
                if (taken === undefined) break;
                claims.push(taken);
                story.claimed(taken, now);
                break;
              }
              case 'sent': {
                if (claim === undefined) break;
                const messageId = step.withMessageId ? `wamid-${++sends}` : null;
                await ledger.markSent(claim, { provider: 'waapi', providerMessageId: messageId }, at);
                story.sent(messageId, now);
                break;
              }
              case 'reschedule':
                if (claim === undefined) break;
                if (story.held(claim)) story.rescheduled(step.attemptSpent, now);
                await ledger.reschedule(
                  claim,
                  { provider: 'waapi', error: 'rate_limited: HTTP 429', nextAttemptAt: at, attemptSpent: step.attemptSpent },
                  at,
                );
                break;
              case 'failed':
                if (claim === undefined) break;
                if (story.held(claim)) story.ended('failed', 'waapi: invalid_recipient', now);
                await ledger.markFailed(claim, { provider: 'waapi', error: 'invalid_recipient' }, at);
                break;
              case 'park':
                if (claim === undefined) break;
                if (story.held(claim)) story.parked(now);
                await ledger.park(claim, { provider: 'waapi', cause: 'HTTP 503', nextAttemptAt: at }, at);
                break;
              case 'expired':
                if (claim === undefined) break;
                if (story.held(claim)) story.ended('expired', 'too old to be news', now);
                await ledger.markExpired(claim, 'too old to be news', at);
                break;
              case 'suppressed':
                if (claim === undefined) break;
                if (story.held(claim)) story.ended('suppressed', 'the recipient asked to receive nothing', now);
                await ledger.markSuppressed(claim, at);
                break;
              case 'receipt':
                if (story.messageId === null) break;
                await ledger.recordReceipt('waapi', { providerMessageId: story.messageId }, step.status, at, 'ack -1');
                story.receipt(step.status, now);
                break;
              case 'requeue':
                await ledger.requeue([id], at);
                story.requeued(now);
                break;
              case 'expire-stale':
                await ledger.expireStale('offline-alert', new Date(now + 1), 'queued too long', at);
                if (story.status === 'queued') story.ended('expired', 'queued too long', now);
                break;
            }
          }
          expect(await ledgers.ledger.history(id)).toEqual(story.events);
          expect(await ledgers.second.history(id)).toEqual(story.events);
          expect((await ledgers.ledger.get(id))?.status).toBe(story.status);
        })();
      }),
      { numRuns: 60 },
    );
  }, 120_000);
}
