import { ok } from '../../../../src/domain/shared/result.ts';
import { SystemClock } from '../../../../src/adapters/in-process/system-clock.adapter.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteDeliveryLedger } from '../../../../src/adapters/sqlite/sqlite.delivery-ledger.adapter.ts';
import { waapiConfigSchema } from '../../../../src/adapters/waapi/waapi.config.ts';
import { createWaapiProvider } from '../../../../src/adapters/waapi/waapi.provider.ts';
import { RecordReceipts } from '../../../../src/application/use-cases/record-receipts.use-case.ts';
import { deliveryRequest } from '../../../support/deliveries.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { startWaapiFake } from '../../../support/fakes/waapi.fake.ts';
import { MemoryLogger } from '../../../support/silent-logger.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Waapi's adapter against its loopback fake, the embedded ledger, and the use case behind `/webhooks/waapi`. */
async function waapi() {
  const started = await startWaapiFake();
  closers.push(started.close);
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const provider = createWaapiProvider(waapiConfigSchema.parse(started.env), { timeoutMs: 2_000, clock: new SystemClock(), logger });
  const ledger = new SqliteDeliveryLedger(openDatabase(':memory:'));
  const receipts = new RecordReceipts({ ledger, clock, logger });
  /** Records a delivery, sends it through Waapi and records the send as the dispatcher does. */
  const sent = async (recipient: number) => {
    const { created } = await ledger.record([deliveryRequest('nota-1', recipient)], clock.now());
    const claim = (await ledger.claim(created[0]!.id, clock.now(), 60_000))!;
    const result = await provider.messaging.send({
      deliveryId: claim.delivery.id,
      clientId: claim.delivery.clientId,
      to: claim.delivery.recipient as never,
      message: claim.delivery.message,
    });
    if (!result.ok) throw new Error(result.error.message);
    await ledger.markSent(claim, result.value, clock.now());
    return claim.delivery.id;
  };
  const post = (callback: Parameters<RecordReceipts['execute']>[1]) => receipts.execute(provider.receipts!, callback);
  return { ...started, ledger, sent, post };
}

describe('Waapi acknowledgements', () => {
  it('moves a delivery on an ack whose serialized id changed to a LID form since the send (matched on the hash)', async () => {
    const { fake, ledger, sent, post } = await waapi();
    const id = await sent(1);
    const [messageId] = fake.messageIds();
    expect(await post(fake.ack(messageId!, 2, { lid: true }))).toEqual(ok({ received: 1, matched: 1 }));
    expect((await ledger.get(id))!.status).toBe('delivered');
    expect(await post(fake.ack(messageId!, 3, { lid: true }))).toEqual(ok({ received: 1, matched: 1 }));
    expect((await ledger.get(id))!.status).toBe('read');
  });

  it('still moves a delivery on an ack carrying the same serialized id as the send', async () => {
    const { fake, ledger, sent, post } = await waapi();
    const id = await sent(1);
    expect(await post(fake.ack(fake.messageIds()[0]!, 3))).toEqual(ok({ received: 1, matched: 1 }));
    expect((await ledger.get(id))!.status).toBe('read');
  });

  it('fails a delivery on ack -1 (error), with the reason, and never one already delivered', async () => {
    const { fake, ledger, sent, post } = await waapi();
    const failing = await sent(1);
    const delivered = await sent(2);
    const [first, second] = fake.messageIds();
    expect(await post(fake.ack(first!, -1))).toEqual(ok({ received: 1, matched: 1 }));
    expect(await ledger.get(failing)).toMatchObject({
      status: 'failed',
      lastError: expect.stringMatching(/ack -1/u),
    });
    await post(fake.ack(second!, 2, { lid: true }));
    expect(await post(fake.ack(second!, -1, { lid: true }))).toEqual(ok({ received: 1, matched: 0 }));
    expect((await ledger.get(delivered))!.status).toBe('delivered');
  });
});
