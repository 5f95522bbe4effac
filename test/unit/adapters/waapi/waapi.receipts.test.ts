import { err, ok } from '../../../../src/domain/shared/result.ts';
import { describe, expect, it } from 'vitest';
import { WaapiReceipts } from '../../../../src/adapters/waapi/waapi.receipts.ts';

const TOKEN = 'hook-token-0123456789';
const receipts = new WaapiReceipts({ WAAPI_WEBHOOK_TOKEN: TOKEN, WAAPI_INSTANCE_ID: '60123' });
const ID = 'true_50688888888@c.us_3EB0123456789ABCDEF';
const HASH = '3EB0123456789ABCDEF';
/** Kept under the message's hash; its serialized id finds deliveries recorded before sends were kept by hash. */
const BY_HASH = { providerMessageId: HASH, aliases: [ID] };

/**
 * The envelope of the official Laravel SDK (`{event, instanceId, data}`) around a whatsapp-web.js
 * Message, as public WaAPI code reads it (docs/contracts/providers/waapi.md §7).
 */
const ackEvent = (ack: number, extra: Record<string, unknown> = {}) => ({
  event: 'message_ack',
  instanceId: 60123,
  data: {
    message: {
      id: { fromMe: true, remote: '50688888888@c.us', id: '3EB0123456789ABCDEF', _serialized: ID },
      ack,
      body: 'Alerta de noticia',
      type: 'chat',
      fromMe: true,
      from: '50670000000@c.us',
      to: '50688888888@c.us',
      timestamp: 1733207534,
      hasMedia: false,
    },
    ...extra,
  },
});
const callback = (body: unknown, query: Record<string, string> = { token: TOKEN }) => ({
  headers: { 'content-type': 'application/json' },
  query,
  rawBody: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});

describe('WaapiReceipts', () => {
  it('reads message_ack: 2 delivered, 3 read, 4 (played) read, -1 failed, anything else nothing', () => {
    expect(receipts.parseReceipts(callback(ackEvent(2)))).toEqual(
      ok({
        receipts: [{ status: 'delivered', ...BY_HASH }],
      }),
    );
    expect(receipts.parseReceipts(callback(ackEvent(3)))).toEqual(
      ok({
        receipts: [{ status: 'read', ...BY_HASH }],
      }),
    );
    expect(receipts.parseReceipts(callback(ackEvent(4)))).toEqual(
      ok({
        receipts: [{ status: 'read', ...BY_HASH }],
      }),
    );
    expect(receipts.parseReceipts(callback(ackEvent(-1)))).toEqual(
      ok({
        receipts: [{ status: 'failed', ...BY_HASH, error: expect.stringContaining('ack -1') }],
      }),
    );
    for (const ack of [0, 1, 5]) expect(receipts.parseReceipts(callback(ackEvent(ack)))).toEqual(ok({ receipts: [] }));
  });

  it('reads the hash of an ack whose chat became a LID, keeping the new serialized form as an alias', () => {
    const lid = { ...ackEvent(2) };
    lid.data.message.id = { fromMe: true, remote: '98765432109876@lid', id: HASH, _serialized: `true_98765432109876@lid_${HASH}` };
    expect(receipts.parseReceipts(callback(lid))).toEqual(
      ok({
        receipts: [{ status: 'delivered', providerMessageId: HASH, aliases: [`true_98765432109876@lid_${HASH}`] }],
      }),
    );
  });

  it('prefers a top-level data.ack, the event\u2019s own argument, to the message\u2019s copy', () => {
    expect(receipts.parseReceipts(callback(ackEvent(2, { ack: 3 })))).toEqual(
      ok({
        receipts: [{ status: 'read', ...BY_HASH }],
      }),
    );
    const withoutMessageAck = { event: 'message_ack', instanceId: '60123', data: { message: { id: ID }, ack: 2 } };
    expect(receipts.parseReceipts(callback(withoutMessageAck))).toEqual(
      ok({
        receipts: [{ status: 'delivered', ...BY_HASH }],
      }),
    );
  });

  it('reads the id inside _data when the message carries its raw form', () => {
    const raw = { event: 'message_ack', data: { message: { _data: { id: { _serialized: ID }, ack: 3 } } } };
    expect(receipts.parseReceipts(callback(raw))).toEqual(ok({ receipts: [{ status: 'read', ...BY_HASH }] }));
  });

  it('ignores another instance\u2019s events, other events and anything malformed', () => {
    for (const body of [
      { ...ackEvent(3), instanceId: 99 },
      { ...ackEvent(3), event: 'message' },
      { event: 'message_ack', instanceId: 60123, data: { message: { ack: 3 } } },
      { event: 'message_ack', instanceId: 60123 },
      [ackEvent(3)],
      'not json',
      '',
      'null',
    ])
      expect(receipts.parseReceipts(callback(body))).toEqual(ok({ receipts: [] }));
  });

  it('refuses a wrong or missing token, and every call while no token is configured', () => {
    expect(receipts.parseReceipts(callback(ackEvent(3), { token: 'hook-token-012345678X' }))).toEqual(err('unauthorized'));
    expect(receipts.parseReceipts(callback(ackEvent(3), {}))).toEqual(err('unauthorized'));
    const unconfigured = new WaapiReceipts({ WAAPI_INSTANCE_ID: '60123' });
    expect(unconfigured.parseReceipts(callback(ackEvent(3)))).toEqual(err('unauthorized'));
    expect(unconfigured.parseReceipts(callback(ackEvent(3), { token: '' }))).toEqual(err('unauthorized'));
  });
});
