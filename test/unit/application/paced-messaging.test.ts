import { describe, expect, it } from 'vitest';
import { PacedMessaging } from '../../../src/application/services/paced-messaging.ts';
import { contractMessage } from '../../contract/messaging.contract.ts';
import { VirtualClock } from '../../support/virtual-clock.ts';
import { ScriptedMessaging } from '../../support/scripted-messaging.ts';

/** Records when (in virtual time) each message reached the provider. */
class TimedProvider extends ScriptedMessaging {
  readonly times: number[] = [];
  readonly #clock: VirtualClock;
  constructor(clock: VirtualClock) {
    super();
    this.#clock = clock;
  }
  override async send(message: Parameters<ScriptedMessaging['send']>[0]) {
    this.times.push(this.#clock.now().getTime());
    return super.send(message);
  }
}

describe('PacedMessaging', () => {
  it('keeps concurrent sends one interval apart, with jitter added', async () => {
    const clock = new VirtualClock(0);
    const provider = new TimedProvider(clock);
    const paced = new PacedMessaging(provider, clock, { minIntervalMs: 1_000, jitterMs: 500, recipientSpacingMs: 0, random: () => 0.5 });
    await Promise.all(['+50670000001', '+50670000002', '+50670000003'].map((to) => paced.send(contractMessage({ to }))));
    expect(provider.times).toEqual([0, 1_250, 2_500]);
  });

  it('spaces messages to the same person even when the provider could go faster', async () => {
    const clock = new VirtualClock(0);
    const provider = new TimedProvider(clock);
    const paced = new PacedMessaging(provider, clock, { minIntervalMs: 0, jitterMs: 0, recipientSpacingMs: 3_000, random: () => 0 });
    await Promise.all([paced.send(contractMessage()), paced.send(contractMessage()), paced.send(contractMessage({ to: '+50670000009' }))]);
    const times = Object.fromEntries(provider.calls.map((call, index) => [`${call.message.to}#${index}`, provider.times[index]]));
    expect(times).toEqual({ '+50688888888#0': 0, '+50670000009#1': 0, '+50688888888#2': 3_000 });
  });
});
