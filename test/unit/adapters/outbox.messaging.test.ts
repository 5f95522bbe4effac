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

  it('shares its records with another process on the same file', async () => {
    const path = join(tempDir(), 'outbox.db');
    await new OutboxMessaging(path).send(message('d1', 'uno'));
    expect(await new OutboxMessaging(path).list(10)).toHaveLength(1);
  });

  it('is always ready', async () => {
    expect((await new OutboxMessaging(':memory:').session()).ready).toBe(true);
  });
});
