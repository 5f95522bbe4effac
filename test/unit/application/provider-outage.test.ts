import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteDeliveryLedger } from '../../../src/adapters/sqlite/sqlite.delivery-ledger.adapter.ts';
import type { MessagingPort, ProviderMessage } from '../../../src/application/ports/messaging.port.ts';
import { DispatchDelivery } from '../../../src/application/use-cases/dispatch-delivery.use-case.ts';
import { ExpireStaleDeliveries } from '../../../src/application/use-cases/expire-stale-deliveries.use-case.ts';
import { sendFailure } from '../../../src/domain/deliveries/send-failure.ts';
import { deliveryRequest } from '../../support/deliveries.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { outageDeps } from '../../support/outage-deps.ts';
import { MemoryLogger } from '../../support/silent-logger.ts';

/** A provider that is down (connection refused) until told otherwise, and remembers every call. */
class SwitchableProvider implements MessagingPort {
  readonly provider = 'waapi';
  down = true;
  readonly calls: ProviderMessage[] = [];
  readonly taken: ProviderMessage[] = [];

  async send(message: ProviderMessage) {
    this.calls.push(message);
    if (this.down)
      return { ok: false as const, error: { ...sendFailure('unavailable', 'waapi unreachable: ECONNREFUSED'), provider: this.provider } };
    this.taken.push(message);
    return { ok: true as const, value: { provider: this.provider, providerMessageId: `m${this.taken.length}` } };
  }

  async session() {
    return { ready: !this.down, detail: this.down ? 'down' : 'ready' };
  }
}

function setup(maxAttempts = 3) {
  const ledger = new SqliteDeliveryLedger(openDatabase(':memory:'));
  const clock = new FakeClock(Date.parse('2026-12-03T08:00:00Z'));
  const logger = new MemoryLogger();
  const provider = new SwitchableProvider();
  const extra = outageDeps({ ledger, clock, logger, firstProbeMs: 1_000, maxProbeMs: 8_000 });
  const dispatch = new DispatchDelivery({
    ledger,
    messaging: provider,
    push: null,
    clock,
    logger,
    retryPolicy: { maxAttempts, baseDelayMs: 500, maxDelayMs: 5_000 },
    leaseMs: 30_000,
    random: () => 0.5,
    ...extra,
  });
  /** One pass of a dispatcher: everything due now, oldest first. */
  const pass = async () => {
    for (const { id } of await ledger.due(clock.now(), 1_000)) await dispatch.execute(id);
  };
  return { ledger, clock, provider, dispatch, pass, raised: extra.raised, extra };
}

describe('a provider outage', () => {
  it('spends no attempt, looks at the provider once per probe with a growing wait, and sends everything once, oldest first, when it is back', async () => {
    const { ledger, clock, provider, pass, raised } = setup();
    const requests = Array.from({ length: 10 }, (_, index) => deliveryRequest(index, index));
    for (const request of requests) {
      await ledger.record([request], clock.now());
      clock.advance(1);
    }

    // Ten minutes of outage: far longer than the retry schedule (500 + 1000 ms).
    const callsAt: number[] = [];
    for (let second = 0; second < 600; second++) {
      await pass();
      callsAt.push(provider.calls.length);
      clock.advance(1_000);
    }
    const all = await ledger.list({ limit: 100 });
    expect(all.map((delivery) => delivery.status)).toEqual(Array(10).fill('queued'));
    for (const delivery of all) {
      expect(delivery.attempts).toBe(0);
      expect(delivery.waitingFor).toBe('waapi');
      expect(delivery.lastError).toBe('unavailable: waapi unreachable: ECONNREFUSED');
    }
    // Three sends found it down; after that one look per probe, the waits doubling up to 8 s: about 600 / 8 looks, not 10 per second.
    expect(provider.calls.length).toBeLessThan(3 + 600 / 8 + 10);
    expect(raised.filter((event) => event.kind === 'provider-unavailable').length).toBeGreaterThan(10);
    expect(raised.find((event) => event.kind === 'provider-unavailable')).toMatchObject({
      provider: 'waapi',
      cause: 'unavailable: waapi unreachable: ECONNREFUSED',
    });

    provider.down = false;
    for (let second = 0; second < 20 && provider.taken.length < 10; second++) {
      await pass();
      clock.advance(1_000);
    }
    const ids = (await ledger.list({ limit: 100 })).map((delivery) => delivery.id);
    expect(new Set(provider.taken.map((message) => message.deliveryId))).toEqual(new Set(ids));
    expect(provider.taken).toHaveLength(10);
    // Oldest first: the probe that got through, then the rest in the order they were recorded.
    const order = provider.taken.map((message) => requests.findIndex((request) => message.to === request.recipient));
    expect(order.slice(1)).toEqual([...order.slice(1)].sort((a, b) => a - b));
    for (const delivery of await ledger.list({ limit: 100 }))
      expect(delivery).toMatchObject({ status: 'sent', attempts: 1, waitingFor: null });
    expect(raised.filter((event) => event.kind === 'provider-recovered')).toEqual([
      expect.objectContaining({ kind: 'provider-recovered', provider: 'waapi' }),
    ]);
    expect(raised.some((event) => event.kind === 'delivery-given-up')).toBe(false);
  });

  // Issue 13 §1 took rate limits out of this: they wait without spending attempts (rate-limits.test.ts). An
  // adapter that throws is a bug, not an outage, and still spends them.
  it('still fails a delivery whose sending keeps failing for that message, spending its attempts', async () => {
    const { ledger, clock, provider } = setup(2);
    provider.down = false;
    const refusing: MessagingPort = {
      provider: 'waapi',
      send: async () => {
        throw new Error('adapter bug');
      },
      session: provider.session.bind(provider),
    };
    const buggy = new DispatchDelivery({
      ledger,
      messaging: refusing,
      push: null,
      clock,
      logger: new MemoryLogger(),
      retryPolicy: { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 100 },
      leaseMs: 30_000,
      random: () => 0.5,
      ...outageDeps({ ledger, clock, logger: new MemoryLogger() }),
    });
    const { created } = await ledger.record([deliveryRequest(1, 1)], clock.now());
    expect((await buggy.execute(created[0]!.id)).kind).toBe('retry');
    clock.advance(1_000);
    expect((await buggy.execute(created[0]!.id)).kind).toBe('failed');
    expect(await ledger.get(created[0]!.id)).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('expires a delivery that waited longer than its job allows, instead of sending it late', async () => {
    const { ledger, clock, provider, pass, raised, extra } = setup();
    await ledger.record([deliveryRequest(1, 1, 'meltwater-newsletter'), deliveryRequest(2, 2, 'offline-report')], clock.now());
    for (let minute = 0; minute < 13 * 60; minute++) {
      await pass();
      clock.advance(60_000);
    }
    provider.down = false;
    await pass();
    const byJob = Object.fromEntries((await ledger.list({ limit: 10 })).map((delivery) => [delivery.job, delivery]));
    expect(byJob['meltwater-newsletter']).toMatchObject({ status: 'expired' });
    expect(byJob['meltwater-newsletter']!.lastError).toContain('12 h');
    expect(provider.taken.map((message) => message.deliveryId)).not.toContain(byJob['meltwater-newsletter']!.id);
    expect(raised).toContainEqual(expect.objectContaining({ kind: 'delivery-given-up', status: 'expired', job: 'meltwater-newsletter' }));

    // The sweep finds those the dispatcher has not reached yet.
    await ledger.record([deliveryRequest(3, 3, 'offline-alert')], clock.now());
    clock.advance(25 * 3_600_000);
    const sweep = new ExpireStaleDeliveries({
      ledger,
      clock,
      logger: new MemoryLogger(),
      alerts: extra.alerts,
      maxAgeHours: extra.maxAgeHours,
    });
    expect(await sweep.execute()).toBe(1);
    expect((await ledger.list({ limit: 10, job: 'offline-alert' }))[0]).toMatchObject({ status: 'expired' });
  });
});
