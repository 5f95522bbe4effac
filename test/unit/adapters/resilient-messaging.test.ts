import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ResilientMessaging } from '../../../src/adapters/cockatiel/resilient-messaging.adapter.ts';
import { contractMessage } from '../../contract/messaging.contract.ts';
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
    const resilient = new ResilientMessaging(provider, settings, new MemoryLogger());
    expect((await resilient.send(contractMessage())).ok).toBe(true);
    expect(provider.calls).toHaveLength(2);
  });

  it('leaves a long Retry-After to the durable retry instead of waiting in process', async () => {
    const provider = new ScriptedMessaging(['rate-limited']);
    const resilient = new ResilientMessaging(provider, settings, new MemoryLogger());
    expect(await resilient.send(contractMessage())).toMatchObject({ ok: false, error: { kind: 'rate_limited', retryAfterMs: 30_000 } });
    expect(provider.calls).toHaveLength(1);
  });

  it('stops calling a provider that keeps failing, answers unavailable at once, and tries it again after a while', async () => {
    const provider = new ScriptedMessaging(Array(10).fill('retryable'));
    const logger = new MemoryLogger();
    const resilient = new ResilientMessaging(provider, { ...settings, WHATSAPP_RETRY_ATTEMPTS: 1 }, logger);
    for (let attempt = 0; attempt < 3; attempt++) await resilient.send(contractMessage());
    const callsWhenOpen = provider.calls.length;
    const open = await resilient.send(contractMessage());
    expect(open).toMatchObject({ ok: false, error: { kind: 'unavailable', retryable: true, message: expect.stringContaining('paused') } });
    // Issue 10: an open circuit names the cause underneath, not only itself.
    expect(open.ok ? '' : open.error.message).toMatch(/^HTTP 503 \(scripted keeps failing; calls are paused/u);
    expect(provider.calls).toHaveLength(callsWhenOpen);
    expect(logger.lines.some((line) => line.message.includes('circuit opened'))).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const recovered = new ScriptedMessaging();
    Object.assign(provider, { send: recovered.send.bind(recovered) });
    expect((await resilient.send(contractMessage())).ok).toBe(true);
  });

  it('does not count permanent failures against the provider', async () => {
    const provider = new ScriptedMessaging(Array(6).fill('permanent'));
    const resilient = new ResilientMessaging(provider, { ...settings, WHATSAPP_RETRY_ATTEMPTS: 1 }, new MemoryLogger());
    for (let attempt = 0; attempt < 6; attempt++)
      expect(await resilient.send(contractMessage())).toMatchObject({ ok: false, error: { kind: 'invalid_recipient' } });
    expect(provider.calls).toHaveLength(6);
    expect((await resilient.send(contractMessage())).ok).toBe(true);
  });

  it('counts failures in a row only: a send that works in between starts the count over', async () => {
    const provider = new ScriptedMessaging(['retryable', 'retryable', 'ok', 'retryable', 'retryable', 'ok', 'retryable', 'retryable']);
    const resilient = new ResilientMessaging(provider, { ...settings, WHATSAPP_RETRY_ATTEMPTS: 1 }, new MemoryLogger());
    for (let attempt = 0; attempt < 9; attempt++) await resilient.send(contractMessage());
    expect(provider.calls).toHaveLength(9);
  });

  it('sends that work while others fail concurrently keep the circuit closed, as one by one', async () => {
    const provider = new ScriptedMessaging(['retryable', 'ok', 'retryable', 'ok', 'retryable', 'ok', 'retryable', 'ok']);
    const resilient = new ResilientMessaging(provider, { ...settings, WHATSAPP_RETRY_ATTEMPTS: 1 }, new MemoryLogger());
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
    const resilient = new ResilientMessaging(provider, { ...settings, WHATSAPP_RETRY_ATTEMPTS: 1 }, logger);
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
});
