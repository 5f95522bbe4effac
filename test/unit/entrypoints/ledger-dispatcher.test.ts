import { fc, test } from '@fast-check/vitest';
import { describe, expect, it, vi } from 'vitest';
import type { MessagingPort, ProviderMessage, SendResult, SessionState } from '../../../src/application/ports/messaging.port.ts';
import { DeliveryIntake } from '../../../src/application/services/delivery-intake.ts';
import { sendFailure } from '../../../src/domain/deliveries/send-failure.ts';
import { deliveryRequest } from '../../support/deliveries.ts';
import { dispatchPipeline } from '../../support/dispatch-pipeline.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { MemoryLogger } from '../../support/silent-logger.ts';

type Answer = 'ok' | 'retryable' | 'permanent';

/** A provider that holds every send until the test answers it, so that what is in its hands can be read at any moment. */
class HeldMessaging implements MessagingPort {
  readonly provider = 'held';
  readonly held: { message: ProviderMessage; answer: (answer: Answer) => void }[] = [];
  readonly accepted: string[] = [];
  calls = 0;
  mostHeld = 0;

  send(message: ProviderMessage): Promise<SendResult> {
    this.calls++;
    return new Promise((resolve) => {
      const entry = {
        message,
        answer: (answer: Answer) => {
          this.held.splice(this.held.indexOf(entry), 1);
          if (answer === 'ok') this.accepted.push(message.deliveryId);
          resolve(
            answer === 'ok'
              ? { ok: true, value: { provider: this.provider, providerMessageId: `m-${message.deliveryId}` } }
              : {
                  ok: false,
                  error: {
                    ...sendFailure(answer === 'retryable' ? 'rate_limited' : 'invalid_recipient', 'scripted'),
                    provider: this.provider,
                  },
                },
          );
        },
      };
      this.held.push(entry);
      this.mostHeld = Math.max(this.mostHeld, this.held.length);
    });
  }

  async session(): Promise<SessionState> {
    return { ready: true, detail: 'held' };
  }
}

function pipeline(concurrency: number) {
  const clock = new FakeClock();
  const provider = new HeldMessaging();
  const { ledger, dispatcher, signal } = dispatchPipeline({
    messaging: provider,
    clock,
    logger: new MemoryLogger(),
    concurrency,
    pollMs: 60_000,
  });
  const intake = new DeliveryIntake({ ledger, dispatchQueue: signal, clock });
  const alert = (event: string, recipients: readonly number[]) =>
    intake.submit(recipients.map((recipient) => deliveryRequest(event, recipient)));
  return { ledger, provider, dispatcher, alert };
}

const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 20_000, interval: 2 });
const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

describe('LedgerDispatcher', () => {
  it('takes work published while its sends are out the moment a send ends, without waiting for the others', async () => {
    const { provider, dispatcher, alert } = pipeline(3);
    dispatcher.start();
    await alert('nota-1', [1, 2, 3]);
    await until(() => expect(provider.held).toHaveLength(3));

    // Published after the dispatcher saw everything due: the next send must not wait for the two still out.
    await alert('nota-2', [4, 5, 6, 7]);
    provider.held[0]!.answer('ok');
    await until(() => expect(provider.calls).toBe(4));
    expect(provider.held).toHaveLength(3);
    provider.held[0]!.answer('ok');
    await until(() => expect(provider.calls).toBe(5));
    expect(provider.held).toHaveLength(3);

    while (provider.calls < 7 || provider.held.length > 0) {
      await until(() => expect(provider.held.length).toBeGreaterThan(0));
      provider.held[0]!.answer('ok');
    }
    await dispatcher.stop();
    expect(provider.accepted).toHaveLength(7);
    expect(provider.mostHeld).toBe(3);
  });

  // Whatever the answers and the order they come in: never more than C sends out, C out while that many
  // are due, each delivery sent once, and the ledger says how each one ended.
  test.prop(
    [
      fc.integer({ min: 1, max: 6 }),
      fc.array(fc.record({ answer: fc.constantFrom<Answer>('ok', 'ok', 'retryable', 'permanent'), pick: fc.nat() }), {
        minLength: 1,
        maxLength: 40,
      }),
      fc.boolean(),
    ],
    { numRuns: 30 },
  )('keeps C sends out while work is due and sends each delivery once', async (concurrency, script, draining) => {
    const { ledger, provider, dispatcher, alert } = pipeline(concurrency);
    await alert('nota', range(1, script.length));
    const drained = draining ? dispatcher.drain() : (dispatcher.start(), undefined);

    for (const [index, { answer, pick }] of script.entries()) {
      const due = Math.min(concurrency, script.length - index);
      await until(() => expect(provider.held).toHaveLength(due));
      provider.held[pick % provider.held.length]!.answer(answer);
    }
    if (drained !== undefined) expect(await drained).toBe(script.length);
    else await dispatcher.stop();

    expect(provider.calls).toBe(script.length);
    expect(provider.mostHeld).toBe(Math.min(concurrency, script.length));
    expect(new Set(provider.accepted).size).toBe(provider.accepted.length);
    const statuses = (await ledger.list({ limit: 100 })).map((delivery) => delivery.status).sort();
    const expected = script.map(({ answer }) => ({ ok: 'sent', retryable: 'queued', permanent: 'failed' })[answer]).sort();
    expect(statuses).toEqual(expected);
  });
});
