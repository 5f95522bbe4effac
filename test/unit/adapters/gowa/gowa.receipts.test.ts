import { err, ok } from '../../../../src/domain/shared/result.ts';
import { describe, expect, it } from 'vitest';
import { GowaReceipts } from '../../../../src/adapters/gowa/gowa.receipts.ts';
import { goJson, gowaSignature } from '../../../support/fakes/gowa.fake.ts';

const SECRET = 'gowa-webhook-secret-0123';
const receipts = new GowaReceipts({ GOWA_WEBHOOK_SECRET: SECRET });
const signed = (body: string, signature = gowaSignature(SECRET, body), name = 'x-hub-signature-256') => ({
  headers: { 'content-type': 'application/json', [name]: signature },
  query: {},
  rawBody: Buffer.from(body),
});

/** docs/contracts/providers/gowa.md §6.4, the v8+ `message.ack` example (v9.2.0 `createReceiptPayload`). */
const v8Ack = (receiptType: string, ids = ['3EB00106E8BE0F407E88EC']) =>
  goJson({
    event: 'message.ack',
    timestamp: '2025-07-18T22:44:20Z',
    device_id: '628123456789@s.whatsapp.net',
    session_id: 'org_2',
    payload: {
      ids,
      chat_id: '628987654321@s.whatsapp.net',
      from: '628987654321@s.whatsapp.net',
      from_lid: '251556368777322@lid',
      sender_display_name: 'Saved Contact',
      receipt_type: receiptType,
      receipt_type_description: 'means the message was delivered to the device (but the user might not have noticed).',
    },
  });

/** docs/contracts/providers/gowa.md §6.4, the v7.3.0–v7.11.4 shape: no device fields, `sender_id`, `from` as SourceString(). */
const v7Ack = (receiptType: string) =>
  goJson({
    event: 'message.ack',
    timestamp: '2025-07-18T22:44:20Z',
    payload: {
      ids: ['3EB0C127D7BACC83D6A1'],
      chat_id: '5511999999999@s.whatsapp.net',
      sender_id: '5511999999999@s.whatsapp.net',
      from: '5511999999999@s.whatsapp.net in 5511999999999@s.whatsapp.net',
      receipt_type: receiptType,
      receipt_type_description: 'the user opened the chat and saw the message.',
    },
  });

describe('GowaReceipts', () => {
  it('reads the v8+ message.ack: delivered and read', () => {
    expect(receipts.parseReceipts(signed(v8Ack('delivered')))).toEqual(
      ok({
        receipts: [{ status: 'delivered', providerMessageId: '3EB00106E8BE0F407E88EC' }],
      }),
    );
    expect(receipts.parseReceipts(signed(v8Ack('read')))).toEqual(
      ok({
        receipts: [{ status: 'read', providerMessageId: '3EB00106E8BE0F407E88EC' }],
      }),
    );
  });

  it('reads the v7 shape alike', () => {
    expect(receipts.parseReceipts(signed(v7Ack('read')))).toEqual(
      ok({
        receipts: [{ status: 'read', providerMessageId: '3EB0C127D7BACC83D6A1' }],
      }),
    );
    expect(receipts.parseReceipts(signed(v7Ack('delivered')))).toEqual(
      ok({
        receipts: [{ status: 'delivered', providerMessageId: '3EB0C127D7BACC83D6A1' }],
      }),
    );
  });

  it('gives one receipt per acknowledged id, once each', () => {
    expect(receipts.parseReceipts(signed(v8Ack('read', ['A1', 'B2', 'A1', '', 7 as unknown as string])))).toEqual(
      ok({
        receipts: [
          { status: 'read', providerMessageId: 'A1' },
          { status: 'read', providerMessageId: 'B2' },
        ],
      }),
    );
  });

  it('ignores read-self (the account reading on another device), played, other events and malformed bodies', () => {
    for (const body of [
      v8Ack('read-self'),
      v8Ack('played'),
      v8Ack(''),
      v8Ack('constructor'),
      v8Ack('__proto__'),
      goJson({ event: 'message', payload: { id: '3EB0', body: 'hola' } }),
      goJson({ event: 'message.ack', payload: { receipt_type: 'read' } }),
      goJson({ event: 'message.ack', payload: { ids: 'A1', receipt_type: 'read' } }),
      goJson([1, 2]),
      '{"event": "message.ack", ',
      '',
    ])
      expect(receipts.parseReceipts(signed(body))).toEqual(ok({ receipts: [] }));
  });

  it('checks the signature against the raw bytes, in any case and header spelling', () => {
    const body = v8Ack('read');
    const reserialised = JSON.stringify(JSON.parse(body) as unknown, null, 1);
    expect(receipts.parseReceipts(signed(reserialised, gowaSignature(SECRET, body)))).toEqual(err('unauthorized'));
    expect(
      receipts.parseReceipts(signed(body, gowaSignature(SECRET, body).toUpperCase().replace('SHA256=', 'sha256='), 'X-Hub-Signature-256')),
    ).toMatchObject(
      ok({
        receipts: [{ status: 'read' }],
      }),
    );
  });

  it('refuses a wrong, missing or bare signature, and every call while no secret is configured', () => {
    const body = v8Ack('read');
    expect(receipts.parseReceipts(signed(body, gowaSignature('secret', body)))).toEqual(err('unauthorized'));
    expect(receipts.parseReceipts(signed(body, gowaSignature(SECRET, body).slice('sha256='.length)))).toEqual(err('unauthorized'));
    expect(receipts.parseReceipts({ headers: {}, query: {}, rawBody: Buffer.from(body) })).toEqual(err('unauthorized'));
    expect(new GowaReceipts({}).parseReceipts(signed(body))).toEqual(err('unauthorized'));
  });
});
