import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { quickRetryDelayMs, ResilientMessaging } from '../../../src/application/services/resilient-messaging.ts';
import { sendFailure } from '../../../src/domain/deliveries/send-failure.ts';
import { contractMessage } from '../../contract/messaging.contract.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { ScriptedMessaging } from '../../support/scripted-messaging.ts';
import { MemoryLogger } from '../../support/silent-logger.ts';
import type { MessagingPort, ProviderMessage, SendResult } from '../../../src/application/ports/messaging.port.ts';

/** A provider whose answers the test gives, call by call, while the others wait. */
class AnsweredByTheTest implements MessagingPort {
  readonly provider = 'held';
  readonly #waiting: ((answer: 'ok' | 'retryable') => void)[] = [];

  get calls(): number {
    return this.#waiting.length;
  }

  send(_message: ProviderMessage): Promise<SendResult> {
    return new Promise((resolve) =>
      this.#waiting.push((answer) =>
        resolve(
          answer === 'ok'
            ? { ok: true, value: { provider: this.provider, providerMessageId: 'm-1' } }
            : { ok: false, error: { kind: 'unavailable', message: 'HTTP 503', retryable: true, provider: this.provider } },
        ),
      ),
    );
  }

  answer(call: number, answer: 'ok' | 'retryable'): void {
    this.#waiting[call]!(answer);
  }

  async session(): Promise<{ ready: boolean; detail: string }> {
    return { ready: true, detail: 'held' };
  }
}

const settings = { WHATSAPP_RETRY_ATTEMPTS: 2, WHATSAPP_BREAKER_FAILURES: 3, WHATSAPP_BREAKER_HALF_OPEN_MS: 1_000 };

describe('ResilientMessaging', () => {
  it('retries a passing failure once, quickly, and succeeds', async () => {
    const provider = new ScriptedMessaging(['retryable']);
    const resilient = new ResilientMessaging(provider, settings, new MemoryLogger(), new FakeClock());
    expect((await resilient.send(contractMessage())).ok).toBe(true);
    expect(provider.calls).toHaveLength(2);
  });

  it('leaves a long Retry-After to the durable retry instead of waiting in process', async () => {
    const provider = new ScriptedMessaging(['rate-limited']);
    const resilient = new ResilientMessaging(provider, settings, new MemoryLogger(), new FakeClock());
    expect(await resilient.send(contractMessage())).toMatchObject({ ok: false, error: { kind: 'rate_limited', retryAfterMs: 30_000 } });
    expect(provider.calls).toHaveLength(1);
  });

  it('stops calling a provider that keeps failing, answers unavailable at once, and tries it again after a while', async () => {
    const provider = new ScriptedMessaging(Array(10).fill('retryable'));
    const logger = new MemoryLogger();
    const clock = new FakeClock();
    const resilient = new ResilientMessaging(provider, { ...settings, WHATSAPP_RETRY_ATTEMPTS: 1 }, logger, clock);
    for (let attempt = 0; attempt < 3; attempt++) await resilient.send(contractMessage());
    const callsWhenOpen = provider.calls.length;
    const open = await resilient.send(contractMessage());
    expect(open).toMatchObject({ ok: false, error: { kind: 'unavailable', retryable: true, message: expect.stringContaining('paused') } });
    // Issue 10: an open circuit names the cause underneath, not only itself.
    expect(open.ok ? '' : open.error.message).toMatch(/^HTTP 503 \(scripted keeps failing; calls are paused/u);
    expect(provider.calls).toHaveLength(callsWhenOpen);
    expect(logger.lines.some((line) => line.message.includes('circuit opened'))).toBe(true);

    clock.advance(1_100);
    const recovered = new ScriptedMessaging();
    Object.assign(provider, { send: recovered.send.bind(recovered) });
    expect((await resilient.send(contractMessage())).ok).toBe(true);
  });

  it('does not count permanent failures against the provider', async () => {
    const provider = new ScriptedMessaging(Array(6).fill('permanent'));
    const resilient = new ResilientMessaging(provider, { ...settings, WHATSAPP_RETRY_ATTEMPTS: 1 }, new MemoryLogger(), new FakeClock());
    for (let attempt = 0; attempt < 6; attempt++)
      expect(await resilient.send(contractMessage())).toMatchObject({ ok: false, error: { kind: 'invalid_recipient' } });
    expect(provider.calls).toHaveLength(6);
    expect((await resilient.send(contractMessage())).ok).toBe(true);
  });

  it('counts failures in a row only: a send that works in between starts the count over', async () => {
    const provider = new ScriptedMessaging(['retryable', 'retryable', 'ok', 'retryable', 'retryable', 'ok', 'retryable', 'retryable']);
    const resilient = new ResilientMessaging(provider, { ...settings, WHATSAPP_RETRY_ATTEMPTS: 1 }, new MemoryLogger(), new FakeClock());
    for (let attempt = 0; attempt < 9; attempt++) await resilient.send(contractMessage());
    expect(provider.calls).toHaveLength(9);
  });

  it('sends that work while others fail concurrently keep the circuit closed, as one by one', async () => {
    const provider = new ScriptedMessaging(['retryable', 'ok', 'retryable', 'ok', 'retryable', 'ok', 'retryable', 'ok']);
    const resilient = new ResilientMessaging(provider, { ...settings, WHATSAPP_RETRY_ATTEMPTS: 1 }, new MemoryLogger(), new FakeClock());
    const results = await Promise.all(Array.from({ length: 8 }, () => resilient.send(contractMessage())));
    expect(results.filter((result) => result.ok)).toHaveLength(4);
    expect(provider.calls).toHaveLength(8);
    expect((await resilient.send(contractMessage())).ok).toBe(true);
    expect(provider.calls).toHaveLength(9);
  });

  test.prop([fc.array(fc.constantFrom('ok', 'retryable', 'rate-limited', 'permanent'), { maxLength: 25 })])(
    'opens once the provider failed for a passing reason as many times in a row as the setting says, whatever came before',
    async (script) => {
      const provider = new ScriptedMessaging(script);
      const threshold = 3;
      const resilient = new ResilientMessaging(
        provider,
        { WHATSAPP_RETRY_ATTEMPTS: 1, WHATSAPP_BREAKER_FAILURES: threshold, WHATSAPP_BREAKER_HALF_OPEN_MS: 3_600_000 },
        new MemoryLogger(),
        new FakeClock(),
      );
      let inARow = 0;
      for (let send = 0; send <= script.length; send++) {
        const callsBefore = provider.calls.length;
        const result = await resilient.send(contractMessage());
        if (inARow >= threshold) {
          expect(provider.calls).toHaveLength(callsBefore);
          expect(result).toMatchObject({
            ok: false,
            error: { kind: 'unavailable', retryable: true, message: expect.stringContaining('paused') },
          });
          continue;
        }
        expect(provider.calls).toHaveLength(callsBefore + 1);
        const outcome = provider.calls[callsBefore]!.outcome;
        expect(result.ok).toBe(outcome === 'ok');
        inARow = outcome === 'retryable' || outcome === 'rate-limited' ? inARow + 1 : 0;
      }
    },
  );

  it('keeps the answer of a send that was under way when the circuit opened, and stays open', async () => {
    const provider = new AnsweredByTheTest();
    const logger = new MemoryLogger();
    const resilient = new ResilientMessaging(provider, { ...settings, WHATSAPP_RETRY_ATTEMPTS: 1 }, logger, new FakeClock());
    const underWay = resilient.send(contractMessage());
    const failing = [1, 2, 3].map(() => resilient.send(contractMessage()));
    await new Promise((resolve) => setImmediate(resolve));
    for (const call of [1, 2, 3]) provider.answer(call, 'retryable');
    await Promise.all(failing);
    expect(logger.lines.some((line) => line.message.includes('circuit opened'))).toBe(true);
    provider.answer(0, 'ok');
    expect(await underWay).toMatchObject({ ok: true, value: { provider: 'held' } });
    expect(await resilient.send(contractMessage())).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringContaining('paused') },
    });
    expect(provider.calls).toBe(4);
  });

  it('after the pause lets one trial through, answers the sends that come meanwhile at once, and closes when the trial works', async () => {
    const provider = new AnsweredByTheTest();
    const clock = new FakeClock();
    const logger = new MemoryLogger();
    const resilient = new ResilientMessaging(provider, { ...settings, WHATSAPP_RETRY_ATTEMPTS: 1 }, logger, clock);
    const failing = [0, 1, 2].map(() => resilient.send(contractMessage()));
    await new Promise((resolve) => setImmediate(resolve));
    for (const call of [0, 1, 2]) provider.answer(call, 'retryable');
    await Promise.all(failing);
    clock.advance(settings.WHATSAPP_BREAKER_HALF_OPEN_MS);
    const trial = resilient.send(contractMessage());
    const meanwhile = await Promise.all([resilient.send(contractMessage()), resilient.send(contractMessage())]);
    for (const answer of meanwhile)
      expect(answer).toMatchObject({
        ok: false,
        error: { kind: 'unavailable', retryable: true, message: expect.stringContaining('paused') },
      });
    expect(provider.calls).toBe(4);
    provider.answer(3, 'ok');
    expect(await trial).toMatchObject({ ok: true });
    expect(logger.lines.map((line) => line.message)).toEqual([
      'provider circuit opened: it keeps failing, calls pause',
      'provider circuit half open: trying the provider again',
      'provider circuit closed: the provider answers again',
    ]);
    const next = resilient.send(contractMessage());
    await new Promise((resolve) => setImmediate(resolve));
    expect(provider.calls).toBe(5);
    provider.answer(4, 'ok');
    expect((await next).ok).toBe(true);
  });

  it('waits between quick retries as the backoff says: 100 to 200 ms, then 200 to 400 ms', async () => {
    const clock = new FakeClock();
    const provider = new ScriptedMessaging(['retryable', 'retryable', 'ok'], 'scripted', clock);
    const resilient = new ResilientMessaging(provider, { ...settings, WHATSAPP_RETRY_ATTEMPTS: 3 }, new MemoryLogger(), clock, () => 0.5);
    expect((await resilient.send(contractMessage())).ok).toBe(true);
    const at = provider.calls.map((call) => call.at!.getTime());
    expect([at[1]! - at[0]!, at[2]! - at[1]!]).toEqual([150, 300]);
  });

  test.prop([fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })])(
    'a quick retry waits between half and all of 200 ms doubled per retry, never more than 2 s',
    (retry, random) => {
      const exponential = Math.min(2_000, 200 * 2 ** retry);
      const delay = quickRetryDelayMs(retry, random);
      expect(delay).toBeGreaterThanOrEqual(exponential / 2);
      expect(delay).toBeLessThanOrEqual(exponential);
    },
  );

  it('does not try a timed-out send again in process: the provider may have taken it', async () => {
    let calls = 0;
    const timingOut: MessagingPort = {
      provider: 'slow',
      send: async () => {
        calls++;
        return { ok: false, error: { ...sendFailure('timeout', 'no answer within 10 s'), provider: 'slow' } };
      },
      session: async () => ({ ready: true, detail: 'slow' }),
    };
    const resilient = new ResilientMessaging(timingOut, { ...settings, WHATSAPP_RETRY_ATTEMPTS: 3 }, new MemoryLogger(), new FakeClock());
    expect(await resilient.send(contractMessage())).toMatchObject({ ok: false, error: { kind: 'timeout', retryable: true } });
    expect(calls).toBe(1);
  });

  it('ends a trial whose adapter throws, so that the circuit does not refuse every call from then on', async () => {
    const provider = new ScriptedMessaging(['retryable', 'throws']);
    const clock = new FakeClock();
    const resilient = new ResilientMessaging(
      provider,
      { ...settings, WHATSAPP_RETRY_ATTEMPTS: 1, WHATSAPP_BREAKER_FAILURES: 1 },
      new MemoryLogger(),
      clock,
    );
    await resilient.send(contractMessage());
    clock.advance(settings.WHATSAPP_BREAKER_HALF_OPEN_MS);
    await expect(resilient.send(contractMessage())).rejects.toThrow('adapter bug');
    expect((await resilient.send(contractMessage())).ok).toBe(true);
    expect(provider.calls).toHaveLength(3);
  });

  it('answers an adapter that throws before returning its promise with a rejection, never a throw', async () => {
    const throwing: MessagingPort = {
      provider: 'broken',
      send: () => {
        throw new Error('adapter bug');
      },
      session: async () => ({ ready: true, detail: 'broken' }),
    };
    const resilient = new ResilientMessaging(throwing, settings, new MemoryLogger(), new FakeClock());
    let sent: Promise<unknown> | undefined;
    expect(() => {
      sent = resilient.send(contractMessage());
    }).not.toThrow();
    await expect(sent).rejects.toThrow('adapter bug');
  });

  it('sends a campaign through the breaker: a campaign that failed whole counts, an open circuit answers each message', async () => {
    const messages = [contractMessage(), contractMessage()];
    let campaigns = 0;
    const campaigner: MessagingPort = {
      provider: 'campaigns',
      send: async () => ({ ok: true, value: { provider: 'campaigns', providerMessageId: 'm-1' } }),
      sendMany: async (batch) => {
        campaigns++;
        return batch.map(() => ({ ok: false, error: { ...sendFailure('unavailable', 'HTTP 502'), provider: 'campaigns' } }));
      },
      session: async () => ({ ready: true, detail: 'campaigns' }),
    };
    const resilient = new ResilientMessaging(
      campaigner,
      { ...settings, WHATSAPP_BREAKER_FAILURES: 2 },
      new MemoryLogger(),
      new FakeClock(),
    );
    await resilient.sendMany!(messages);
    await resilient.sendMany!(messages);
    const open = await resilient.sendMany!(messages);
    expect(campaigns).toBe(2);
    expect(open).toHaveLength(2);
    for (const answer of open)
      expect(answer).toMatchObject({
        ok: false,
        error: { kind: 'unavailable', message: expect.stringMatching(/^HTTP 502 \(campaigns keeps failing/u) },
      });
  });
});
