import { describe, expect, it } from 'vitest';
import type { ProviderMessage } from '../../../src/application/ports/messaging.port.ts';
import { sendFailure } from '../../../src/domain/deliveries/send-failure.ts';
import { deliveryRequest } from '../../support/deliveries.ts';
import { dispatchPipeline } from '../../support/dispatch-pipeline.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { ScriptedMessaging } from '../../support/scripted-messaging.ts';
import { MemoryLogger } from '../../support/silent-logger.ts';
import { outageDeps } from '../../support/outage-deps.ts';

/** A provider with a campaign API: it refuses the numbers it is told to, and takes the rest in one call. */
class CampaignProvider extends ScriptedMessaging {
  readonly campaigns: ProviderMessage[][] = [];
  readonly refused = new Set<string>();

  async sendMany(messages: readonly ProviderMessage[]) {
    this.campaigns.push([...messages]);
    return messages.map((message) =>
      this.refused.has(message.to)
        ? { ok: false as const, error: { ...sendFailure('invalid_recipient', 'not on WhatsApp'), provider: this.provider } }
        : { ok: true as const, value: { provider: this.provider, providerMessageId: null } },
    );
  }
}

function setup() {
  const clock = new FakeClock();
  const provider = new CampaignProvider();
  const { ledger, dispatcher } = dispatchPipeline({ messaging: provider, clock, logger: new MemoryLogger() });
  return { ledger, clock, provider, dispatcher };
}

describe('batch dispatch', () => {
  it('hands one event\u2019s messages to a campaign provider in one call, settling each recipient on its own result', async () => {
    const { ledger, clock, provider, dispatcher } = setup();
    provider.refused.add('+50688000003');
    await ledger.record(
      [1, 2, 3, 4].map((recipient) => deliveryRequest('nota-1', recipient)),
      clock.now(),
    );
    await ledger.record([deliveryRequest('nota-2', 1)], clock.now());

    await dispatcher.drain();

    expect(provider.campaigns.map((campaign) => campaign.length)).toEqual([4]);
    expect(provider.calls.map((call) => call.message.message.text)).toEqual(['Mensaje nota-2']);
    const deliveries = await ledger.list({ limit: 10 });
    expect(Object.fromEntries(deliveries.map((delivery) => [`${delivery.eventKey} ${delivery.recipient}`, delivery.status]))).toEqual({
      'nota-1 +50688000001': 'sent',
      'nota-1 +50688000002': 'sent',
      'nota-1 +50688000003': 'failed',
      'nota-1 +50688000004': 'sent',
      'nota-2 +50688000001': 'sent',
    });
  });
});
