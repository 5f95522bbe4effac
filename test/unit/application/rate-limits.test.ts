import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteDeliveryLedger } from '../../../src/adapters/sqlite/sqlite.delivery-ledger.adapter.ts';
import type { MessagingPort, ProviderMessage } from '../../../src/application/ports/messaging.port.ts';
import { DispatchDelivery } from '../../../src/application/use-cases/dispatch-delivery.use-case.ts';
import { sendFailure } from '../../../src/domain/deliveries/send-failure.ts';
import { deliveryRequest } from '../../support/deliveries.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { outageDeps } from '../../support/outage-deps.ts';
import { MemoryLogger } from '../../support/silent-logger.ts';

const RETRY_AFTER_MS = 6_000;
const MAX_ATTEMPTS = 2;

/** A provider that answers 429 (Meta's pair rate: one message every 6 s) until told otherwise, remembering when each call came. */
class ThrottlingProvider implements MessagingPort {
  readonly provider = 'cloudapi';
  throttling = true;
  readonly callsAt: number[] = [];
  readonly taken: ProviderMessage[] = [];

  readonly #clock: FakeClock;

  constructor(clock: FakeClock) {
    this.#clock = clock;
  }

  async send(message: ProviderMessage) {
    this.callsAt.push(this.#clock.now().getTime());
    if (this.throttling) {
      return {
        ok: false as const,
        error: { ...sendFailure('rate_limited', 'Cloud API error 131056: pair rate limit hit', RETRY_AFTER_MS), provider: this.provider },
      };
    }
    this.taken.push(message);
    return { ok: true as const, value: { provider: this.provider, providerMessageId: `wamid.${this.taken.length}` } };
  }

  async session() {
    return { ready: true, detail: 'ready' };
  }
}

function setup() {
  const ledger = new SqliteDeliveryLedger(openDatabase(':memory:'));
  const clock = new FakeClock(Date.parse('2026-12-03T08:00:00Z'));
  const logger = new MemoryLogger();
  const provider = new ThrottlingProvider(clock);
  const extra = outageDeps({ ledger, clock, logger });
  const dispatch = new DispatchDelivery({
    ledger,
    messaging: provider,
    push: null,
    clock,
    logger,
    retryPolicy: { maxAttempts: MAX_ATTEMPTS, baseDelayMs: 500, maxDelayMs: 5_000 },
    leaseMs: 30_000,
    random: () => 0.5,
    ...extra,
  });
  const pass = async () => {
    for (const { id } of await ledger.due(clock.now(), 100)) await dispatch.execute(id);
  };
  return { ledger, clock, provider, pass, raised: extra.raised };
}

describe('a provider rate limit (issue 13 §1)', () => {
  it('is retried after Retry-After however often it comes, never spends an attempt, and the delivery is sent once it passes', async () => {
    const { ledger, clock, provider, pass, raised } = setup();
    const { id } = (await ledger.record([deliveryRequest(1, 1)], clock.now())).created[0]!;

    // Ten times the attempt limit of 429s.
    while (provider.callsAt.length < MAX_ATTEMPTS * 10) {
      await pass();
      clock.advance(1_000);
    }
    expect(await ledger.get(id)).toMatchObject({
      status: 'queued',
      attempts: 0,
      waitingFor: null,
      lastError: 'rate_limited: Cloud API error 131056: pair rate limit hit',
    });
    const gaps = provider.callsAt.slice(1).map((at, index) => at - provider.callsAt[index]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(RETRY_AFTER_MS);

    provider.throttling = false;
    for (let second = 0; second < 60 && provider.taken.length === 0; second++) {
      await pass();
      clock.advance(1_000);
    }
    expect(await ledger.get(id)).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: 'wamid.1' });
    expect(provider.taken).toHaveLength(1);
    expect(raised.some((event) => event.kind === 'delivery-given-up')).toBe(false);
    // A rate limit is not an outage: no operator is told the provider is down.
    expect(raised.some((event) => event.kind === 'provider-unavailable')).toBe(false);
  });

  it('ends only by age: a delivery rate-limited past its job maximum age expires, it is never failed', async () => {
    const { ledger, clock, provider, pass, raised } = setup();
    const { id } = (await ledger.record([deliveryRequest(1, 1, 'meltwater-newsletter')], clock.now())).created[0]!;
    for (let minute = 0; minute < 13 * 60; minute++) {
      await pass();
      clock.advance(60_000);
    }
    const delivery = await ledger.get(id);
    expect(delivery).toMatchObject({ status: 'expired' });
    expect(delivery!.lastError).toContain('12 h');
    expect(provider.callsAt.length).toBeGreaterThan(MAX_ATTEMPTS);
    expect(raised).toContainEqual(expect.objectContaining({ kind: 'delivery-given-up', status: 'expired', job: 'meltwater-newsletter' }));
    expect(raised).not.toContainEqual(expect.objectContaining({ kind: 'delivery-given-up', status: 'failed' }));
  });
});
