import { afterEach, describe, expect, it } from 'vitest';
import { chattonicConfigSchema } from '../../../../src/adapters/chattonic/chattonic.config.ts';
import { ChattonicMessaging } from '../../../../src/adapters/chattonic/chattonic.messaging.adapter.ts';
import { deliveryRequest } from '../../../support/deliveries.ts';
import { dispatchPipeline } from '../../../support/dispatch-pipeline.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { startChattonicFake } from '../../../support/fakes/chattonic.fake.ts';
import { RaisedAlerts } from '../../../support/raised-alerts.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The sending pipeline in front of the Chat-Tonic adapter, against its loopback fake. */
async function pipeline() {
  const started = await startChattonicFake({ slowMs: 2_000 });
  closers.push(started.close);
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const alerts = new RaisedAlerts();
  const messaging = new ChattonicMessaging(chattonicConfigSchema.parse({ ...started.env, CHATTONIC_CAMPAIGN_MIN: '3' }), {
    timeoutMs: 500,
    clock,
    logger,
    alerts,
  });
  const { ledger, dispatcher } = dispatchPipeline({ messaging, clock, logger, maxAttempts: 5, concurrency: 1 });
  return { ...started, ledger, clock, alerts, dispatcher };
}

describe('a Chat-Tonic campaign whose answer was lost, through the dispatcher', () => {
  it('fails its deliveries with the reason instead of uploading the campaign again later', async () => {
    const { fake, ledger, clock, alerts, dispatcher } = await pipeline();
    fake.loseNextAnswer('late');
    await ledger.record(
      [1, 2, 3, 4].map((recipient) => deliveryRequest('nota-1', recipient)),
      clock.now(),
    );

    await dispatcher.drain();
    clock.advance(60 * 60_000);
    await dispatcher.drain();

    expect(fake.callsTo('campaign')).toBe(1);
    expect(fake.accepted()).toHaveLength(4);
    const deliveries = await ledger.list({ limit: 10 });
    expect(deliveries.map((delivery) => [delivery.status, delivery.attempts])).toEqual(Array.from({ length: 4 }, () => ['failed', 1]));
    for (const delivery of deliveries)
      expect(delivery.lastError).toContain("answer lost; check Chat-Tonic's campaign history before resending");
    expect(alerts.events.filter((event) => event.kind === 'answer-lost')).toHaveLength(1);
  });
});
