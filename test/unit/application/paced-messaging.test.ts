import { fc, test } from '@fast-check/vitest';
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

describe('PacedMessaging, over thousands of recipients', () => {
  const SPACING_MS = 5_000;
  const INTERVAL_MS = 10;
  const phone = (index: number) => `+5067${String(index).padStart(7, '0')}`;

  // More recipients than the pacer remembers before it forgets the past ones: forgetting must never
  // shorten a person's spacing, nor delay anyone longer than the provider's interval and their own spacing ask.
  test.prop([fc.array(fc.integer({ min: 0, max: 1_499 }), { minLength: 1_500, maxLength: 3_000 })], { numRuns: 5 })(
    'each send goes out as soon as both the provider interval and the recipient spacing allow, never sooner',
    async (recipients) => {
      const clock = new VirtualClock(0);
      const provider = new TimedProvider(clock);
      const paced = new PacedMessaging(provider, clock, {
        minIntervalMs: INTERVAL_MS,
        jitterMs: 0,
        recipientSpacingMs: SPACING_MS,
        random: () => 0,
      });
      for (const recipient of recipients) await paced.send(contractMessage({ to: phone(recipient) }));

      const lastTo = new Map<string, number>();
      let previous: number | undefined;
      provider.calls.forEach((call, index) => {
        const at = provider.times[index]!;
        const earliest = Math.max(
          previous === undefined ? 0 : previous + INTERVAL_MS,
          (lastTo.get(call.message.to) ?? -Infinity) + SPACING_MS,
        );
        expect(at).toBe(Math.max(earliest, previous ?? 0));
        lastTo.set(call.message.to, at);
        previous = at;
      });
      expect(provider.calls.map((call) => call.message.to)).toEqual(recipients.map(phone));
    },
  );

  // Sends to the same people that wait together, with a provider slower than their spacing: each still
  // reaches the provider one interval after the last call, and a person's spacing after their last message.
  test.prop(
    [
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 120 }),
      fc.integer({ min: 0, max: 3_000 }),
      fc.integer({ min: 1, max: 3_000 }),
    ],
    { numRuns: 25 },
  )("messages that wait together keep both the provider interval and each person's spacing", async (recipients, interval, spacing) => {
    const clock = new VirtualClock(0);
    const provider = new TimedProvider(clock);
    const paced = new PacedMessaging(provider, clock, {
      minIntervalMs: interval,
      jitterMs: 0,
      recipientSpacingMs: spacing,
      random: () => 0,
    });
    await Promise.all(recipients.map((recipient) => paced.send(contractMessage({ to: phone(recipient) }))));

    expect(provider.calls).toHaveLength(recipients.length);
    const lastTo = new Map<string, number>();
    provider.calls.forEach((call, index) => {
      const at = provider.times[index]!;
      if (index > 0) expect(at - provider.times[index - 1]!).toBeGreaterThanOrEqual(interval);
      const last = lastTo.get(call.message.to);
      if (last !== undefined) expect(at - last).toBeGreaterThanOrEqual(spacing);
      lastTo.set(call.message.to, at);
    });
  });
});
