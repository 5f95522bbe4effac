import { describe, expect, it } from 'vitest';
import { ProviderRouter } from '../../../src/application/services/provider-router.ts';
import { contractMessage } from '../../contract/messaging.contract.ts';
import { ScriptedMessaging, type ScriptedOutcome } from '../../support/scripted-messaging.ts';
import { MemoryLogger } from '../../support/silent-logger.ts';

const named = (name: string, script: ScriptedOutcome[] = []) => new ScriptedMessaging(script, name);

function router(options: { primary?: ScriptedOutcome[]; fallback?: ScriptedOutcome[] | null; own?: Record<string, string> } = {}) {
  const waapi = named('waapi', options.primary);
  const gowa = named('gowa', options.fallback ?? []);
  const botmaker = named('botmaker');
  const logger = new MemoryLogger();
  const routed = new ProviderRouter({
    providers: new Map([
      ['waapi', waapi],
      ['gowa', gowa],
      ['botmaker', botmaker],
    ]),
    primary: 'waapi',
    fallback: options.fallback === null ? null : 'gowa',
    providerFor: async (clientId) => (clientId === null ? null : (options.own?.[clientId] ?? null)),
    logger,
  });
  return { routed, waapi, gowa, botmaker, logger };
}

describe('ProviderRouter', () => {
  it('sends through the configured provider and says so', async () => {
    const { routed, waapi, gowa } = router();
    expect(await routed.send(contractMessage())).toMatchObject({ ok: true, value: { provider: 'waapi' } });
    expect([waapi.accepted.length, gowa.accepted.length]).toEqual([1, 0]);
  });

  it('hands a message the provider could not take for a passing reason to the fallback, which is recorded as the sender', async () => {
    const { routed, gowa, logger } = router({ primary: ['retryable'] });
    expect(await routed.send(contractMessage())).toMatchObject({ ok: true, value: { provider: 'gowa' } });
    expect(gowa.accepted).toHaveLength(1);
    expect(logger.lines.some((line) => line.message.includes('fallback'))).toBe(true);
  });

  it('never hands a permanent failure to the fallback: a bad number is bad everywhere', async () => {
    const { routed, gowa } = router({ primary: ['permanent'] });
    expect(await routed.send(contractMessage())).toMatchObject({ ok: false, error: { kind: 'invalid_recipient', provider: 'waapi' } });
    expect(gowa.calls).toHaveLength(0);
  });

  it('reports both failures when the fallback fails too, so that the durable retry takes over', async () => {
    const { routed } = router({ primary: ['retryable'], fallback: ['rate-limited'] });
    const result = await routed.send(contractMessage());
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', retryable: true, provider: 'waapi', message: expect.stringContaining('fallback gowa: rate_limited') },
    });
  });

  it('keeps a failure as it is when no fallback is configured', async () => {
    const { routed } = router({ primary: ['retryable'], fallback: null });
    expect(await routed.send(contractMessage())).toMatchObject({ ok: false, error: { kind: 'unavailable', provider: 'waapi' } });
  });

  it('sends a client\u2019s messages through its own provider, and falls back to the primary for an unknown one', async () => {
    const { routed, botmaker, waapi, logger } = router({
      own: { '5792a7288ac8f35b0aa93bee': 'botmaker', '5792a7288ac8f35b0aa93bef': 'twilio' },
    });
    expect(await routed.send({ ...contractMessage(), clientId: '5792a7288ac8f35b0aa93bee' })).toMatchObject({
      ok: true,
      value: { provider: 'botmaker' },
    });
    expect(await routed.send({ ...contractMessage(), clientId: '5792a7288ac8f35b0aa93bef' })).toMatchObject({
      ok: true,
      value: { provider: 'waapi' },
    });
    expect([botmaker.accepted.length, waapi.accepted.length]).toEqual([1, 1]);
    expect(logger.lines.some((line) => line.level === 'warn' && line.fields['provider'] === 'twilio')).toBe(true);
  });

  it('refuses to start without its primary or fallback provider', () => {
    const logger = new MemoryLogger();
    const providerFor = async () => null;
    expect(() => new ProviderRouter({ providers: new Map(), primary: 'waapi', fallback: null, providerFor, logger })).toThrow(
      /primary provider waapi/u,
    );
    expect(
      () =>
        new ProviderRouter({ providers: new Map([['waapi', named('waapi')]]), primary: 'waapi', fallback: 'gowa', providerFor, logger }),
    ).toThrow(/fallback provider gowa/u);
  });
});
