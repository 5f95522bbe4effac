import { describe, expect, it } from 'vitest';
import { SqliteConversationWindows } from '../../../src/adapters/sqlite/sqlite.conversation-windows.adapter.ts';
import { openDatabase } from '../../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteSuppressionList } from '../../../src/adapters/sqlite/sqlite.suppression-list.adapter.ts';
import type { ReplyPort } from '../../../src/application/ports/reply.port.ts';
import { HandleInboundMessages } from '../../../src/application/use-cases/handle-inbound-messages.use-case.ts';
import { sendFailure } from '../../../src/domain/deliveries/send-failure.ts';
import { DEFAULT_OPT_IN_WORDS, DEFAULT_OPT_OUT_WORDS } from '../../../src/domain/opt-out/opt-out-words.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { MemoryLogger } from '../../support/silent-logger.ts';

const FROM = '+50688888888';

function setup(reply: ReplyPort['reply'] | null = async () => ({ ok: true, value: { provider: 'gowa', providerMessageId: 'm' } })) {
  const db = openDatabase(':memory:');
  const suppressions = new SqliteSuppressionList(db);
  const windows = new SqliteConversationWindows(db);
  const sent: { to: string; text: string }[] = [];
  const replies = new Map<string, ReplyPort>();
  if (reply !== null)
    replies.set('gowa', {
      provider: 'gowa',
      reply: async (to, text) => {
        sent.push({ to, text });
        return reply(to, text);
      },
    });
  const logger = new MemoryLogger();
  const clock = new FakeClock();
  const handle = new HandleInboundMessages({
    suppressions,
    windows,
    replies,
    words: { optOut: DEFAULT_OPT_OUT_WORDS, optIn: DEFAULT_OPT_IN_WORDS },
    clock,
    logger,
  });
  return { handle, suppressions, windows, sent, logger, clock };
}

describe('HandleInboundMessages', () => {
  it('suppresses a number on WhatsApp\u2019s marketing stop without a word to the contact, and lifts only that on resume', async () => {
    const { handle, suppressions, sent, clock, logger } = setup();
    const at = clock.now();
    await handle.marketingPreferences('cloudapi', [{ from: FROM, value: 'stop', at, signal: 'user_preferences stop' }]);
    await handle.marketingPreferences('cloudapi', [{ from: FROM, value: 'stop', at, signal: 'user_preferences stop' }]);
    expect(await suppressions.list(10)).toEqual([{ phone: FROM, since: at, source: 'marketing-stop', provider: 'cloudapi' }]);
    expect(sent).toEqual([]);
    await handle.marketingPreferences('cloudapi', [{ from: FROM, value: 'resume', at, signal: 'user_preferences resume' }]);
    expect(await suppressions.has(FROM)).toBe(false);

    await handle.execute('cloudapi', [{ from: FROM, text: 'BAJA', at }]);
    await handle.marketingPreferences('cloudapi', [{ from: FROM, value: 'resume', at, signal: 'user_preferences resume' }]);
    expect(await suppressions.list(10)).toEqual([{ phone: FROM, since: at, source: 'inbound', provider: 'cloudapi' }]);
    expect(logger.lines.filter((line) => line.message === 'contact stopped marketing messages')).toHaveLength(1);
    expect(JSON.stringify(logger.lines)).not.toContain(FROM.slice(1));
  });

  it('opens the window for any message and confirms each change once, however often it is repeated', async () => {
    const { handle, suppressions, windows, sent, clock } = setup();
    const at = clock.now();
    expect(await handle.execute('gowa', [{ from: FROM, text: 'hola', at }])).toEqual({ optedOut: 0, optedIn: 0 });
    expect(await windows.lastInboundAt(FROM)).toEqual(at);
    expect(
      await handle.execute('gowa', [
        { from: FROM, text: 'Baja ', at },
        { from: FROM, text: 'BAJA', at },
      ]),
    ).toEqual({ optedOut: 1, optedIn: 0 });
    expect(await handle.execute('gowa', [{ from: FROM, text: 'baja', at }])).toEqual({ optedOut: 0, optedIn: 0 });
    expect(await suppressions.list(10)).toEqual([{ phone: FROM, since: at, source: 'inbound', provider: 'gowa' }]);
    expect(
      await handle.execute('gowa', [
        { from: FROM, text: 'Alta', at },
        { from: FROM, text: 'alta', at },
      ]),
    ).toEqual({ optedOut: 0, optedIn: 1 });
    expect(await suppressions.has(FROM)).toBe(false);
    expect(sent.map((message) => message.text)).toEqual([
      'Listo: ya no recibirá alertas de CVT por WhatsApp. Escriba ALTA para volver a recibirlas.',
      'Listo: volverá a recibir las alertas de CVT por WhatsApp. Escriba BAJA para dejar de recibirlas.',
    ]);
    expect(sent.every((message) => message.to === FROM)).toBe(true);
  });

  it('keeps the opt-out when the confirmation cannot be sent, and logs why without the number', async () => {
    const failing = setup(async () => ({ ok: false, error: { ...sendFailure('unavailable', 'HTTP 503'), provider: 'gowa' } }));
    await failing.handle.execute('gowa', [{ from: FROM, text: 'STOP', at: failing.clock.now() }]);
    expect(await failing.suppressions.has(FROM)).toBe(true);
    expect(failing.logger.lines.map((line) => line.message)).toContain('opt-out confirmation not sent');

    const silent = setup(null);
    await silent.handle.execute('cliengo', [{ from: FROM, text: 'NO MÁS', at: silent.clock.now() }]);
    expect(await silent.suppressions.has(FROM)).toBe(true);
    expect(JSON.stringify(silent.logger.lines)).not.toContain('88888888');
  });
});
