import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxMessaging } from '../../../src/adapters/outbox/outbox.messaging.adapter.ts';
import type { PhoneNumber } from '../../../src/domain/phone/phone-number.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const message = (deliveryId: string, text: string) => ({
  deliveryId,
  clientId: null,
  to: '+50688888888' as PhoneNumber,
  message: { job: 'offline-alert' as const, text, variables: {} },
});

describe('OutboxMessaging', () => {
  it('records each message instead of sending it, newest first', async () => {
    const outbox = new OutboxMessaging(join(tempDir(), 'outbox.db'));
    const first = await outbox.send(message('d1', 'uno'));
    await outbox.send(message('d2', 'dos'));
    expect(first).toEqual({ ok: true, value: { provider: 'outbox', providerMessageId: expect.stringMatching(/^outbox-\d+$/) } });
    expect((await outbox.list(10)).map((entry) => [entry.to, entry.text, entry.template])).toEqual([
      ['+50688888888', 'dos', null],
      ['+50688888888', 'uno', null],
    ]);
  });

  it('records a delivery once however often it is sent, like a provider honouring idempotency keys', async () => {
    const outbox = new OutboxMessaging(join(tempDir(), 'outbox.db'));
    const first = await outbox.send(message('d1', 'uno'));
    const again = await outbox.send(message('d1', 'uno'));
    expect(again).toEqual(first);
    expect(await outbox.list(10)).toHaveLength(1);
  });

  it('records the messages sent together, each answered with its own id once written; a delivery sent twice among them is recorded once', async () => {
    const path = join(tempDir(), 'outbox.db');
    const outbox = new OutboxMessaging(path);
    const results = await Promise.all([
      ...Array.from({ length: 20 }, (_, index) => outbox.send(message(`d${index}`, `nota ${index}`))),
      outbox.send(message('d3', 'nota 3')),
    ]);
    const ids = results.map((result) => (result.ok ? result.value.providerMessageId : result.error.kind));
    expect(new Set(ids.slice(0, 20)).size).toBe(20);
    expect(ids[20]).toBe(ids[3]);
    // Answered means on disk: another connection already reads them all.
    const reader = new OutboxMessaging(path);
    expect((await reader.list(100)).map((entry) => entry.text).sort()).toEqual(
      Array.from({ length: 20 }, (_, index) => `nota ${index}`).sort(),
    );
    reader.close();
    outbox.close();
  });

  it('answers a message sent just before it closes', async () => {
    const path = join(tempDir(), 'outbox.db');
    const outbox = new OutboxMessaging(path);
    const sent = outbox.send(message('d1', 'uno'));
    outbox.close();
    expect(await sent).toEqual({ ok: true, value: { provider: 'outbox', providerMessageId: expect.stringMatching(/^outbox-\d+$/) } });
    expect(await new OutboxMessaging(path).list(10)).toHaveLength(1);
  });

  it('shares its records with another process on the same file', async () => {
    const path = join(tempDir(), 'outbox.db');
    await new OutboxMessaging(path).send(message('d1', 'uno'));
    expect(await new OutboxMessaging(path).list(10)).toHaveLength(1);
  });

  it('is always ready', async () => {
    expect((await new OutboxMessaging(':memory:').session()).ready).toBe(true);
  });
});
