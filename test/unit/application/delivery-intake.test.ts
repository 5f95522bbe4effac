import { describe, expect, it, vi } from 'vitest';
import type { MessagingPort, ProviderMessage, SendResult } from '../../../src/application/ports/messaging.port.ts';
import { DeliveryIntake } from '../../../src/application/services/delivery-intake.ts';
import { deliveryRequest } from '../../support/deliveries.ts';
import { dispatchPipeline } from '../../support/dispatch-pipeline.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { MemoryLogger } from '../../support/silent-logger.ts';

/** A provider that takes every message at once and remembers which. */
class AcceptingMessaging implements MessagingPort {
  readonly provider = 'accepting';
  readonly sent: string[] = [];

  async send(message: ProviderMessage): Promise<SendResult> {
    this.sent.push(message.deliveryId);
    return { ok: true, value: { provider: this.provider, providerMessageId: `m-${message.deliveryId}` } };
  }

  async session() {
    return { ready: true, detail: 'accepting' };
  }
}

const until = (assertion: () => void | Promise<void>) => vi.waitFor(assertion, { timeout: 20_000, interval: 2 });
const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

describe('DeliveryIntake', () => {
  it('lets the dispatcher start on the first few deliveries of a large alert, then records the rest once each', async () => {
    const clock = new FakeClock();
    const provider = new AcceptingMessaging();
    const { ledger, dispatcher, signal } = dispatchPipeline({ messaging: provider, clock, logger: new MemoryLogger(), concurrency: 50, pollMs: 60_000 });
    // The intake's first pause between two chunks holds until the test lets it go: what was recorded before is all there is.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let pauses = 0;
    const intake = new DeliveryIntake({ ledger, dispatchQueue: signal, clock, yieldToEventLoop: () => (pauses++ === 0 ? held : Promise.resolve()) });
    const recorded = async () => (await ledger.counts()).reduce((sum, { count }) => sum + count, 0);
    dispatcher.start();
    try {
      const submitted = intake.submit(range(1, 1_000).map((recipient) => deliveryRequest('nota-grande', recipient)));

      await until(async () => expect(pauses).toBe(1));
      await until(async () => expect(provider.sent.length).toBe(await recorded()));
      // The provider already has everything recorded while the alert's other deliveries wait: half a full chunk (100).
      expect(provider.sent.length).toBeGreaterThan(0);
      expect(provider.sent.length).toBeLessThanOrEqual(50);

      release();
      await expect(submitted).resolves.toEqual({ queued: 1_000, duplicates: 0 });
      await until(() => expect(provider.sent).toHaveLength(1_000));
      expect(new Set(provider.sent).size).toBe(1_000);
      expect(await recorded()).toBe(1_000);
    } finally {
      release();
      await dispatcher.stop();
    }
  });
});
