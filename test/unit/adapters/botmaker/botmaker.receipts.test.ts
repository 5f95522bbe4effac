import { err, ok } from '../../../../src/domain/shared/result.ts';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { BotmakerReceipts } from '../../../../src/adapters/botmaker/botmaker.receipts.ts';
import type { InboundCallback } from '../../../../src/application/ports/receipt-source.port.ts';

const TOKEN = 'webhook-token-0123456789';
const receipts = new BotmakerReceipts(TOKEN);

const callback = (body: unknown, headers: Record<string, string | undefined> = { 'auth-bm-token': TOKEN }): InboundCallback => ({
  headers: { 'content-type': 'application/json', ...headers },
  query: {},
  rawBody: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});

/** The v1.1 status notification of docs/contracts/providers/botmaker.md ("Formato de estado de mensaje enviado por webhook"). */
const status = (overrides: Record<string, unknown> = {}) => ({
  v: '1.1',
  type: 'status',
  businessId: 'cvtcontroles',
  contactId: '+50688888888',
  chatChannelId: 'botproject-whatsapp-50622223333',
  chatPlatform: 'whatsapp',
  whatsappNumber: '50622223333',
  customerId: 'NDRP2LQVX2C4G8DNEQCH',
  status: 'delivered',
  statusChangeTime: '2026-11-23T14:00:00.000Z',
  messageId: 'PHW3S2KV4VRWL17BBM1U',
  clientPayload: '3f1c0a9be2d84c7f9a0b1c2d3e4f5a6b',
  ...overrides,
});

/** The v1.1 message notification of docs/contracts/providers/botmaker.md: not a receipt. */
const message = {
  v: '1.1',
  type: 'message',
  chatPlatform: 'whatsapp',
  contactId: '+50688888888',
  whatsappNumber: '50622223333',
  chatChannelId: 'botproject-whatsapp-50622223333',
  customerId: 'NDRP2LQVX2C4G8DNEQCH',
  firstName: 'Ana',
  txId: 'WN123',
  messages: [
    {
      _id_: 'PHW3S2KV4VRWL17BBM1U',
      date: '2021-03-08T19:44:14.388Z',
      message: 'Gracias',
      fromName: 'Ana',
      from: 'user',
      fromCustomer: true,
    },
  ],
};

describe('BotmakerReceipts', () => {
  it('reads a delivered and a read status by the delivery id we sent as webhookPayload', () => {
    expect(receipts.parseReceipts(callback(status()))).toEqual(
      ok({
        receipts: [{ status: 'delivered', deliveryId: '3f1c0a9be2d84c7f9a0b1c2d3e4f5a6b' }],
      }),
    );
    expect(receipts.parseReceipts(callback(status({ status: 'read' })))).toEqual(
      ok({
        receipts: [{ status: 'read', deliveryId: '3f1c0a9be2d84c7f9a0b1c2d3e4f5a6b' }],
      }),
    );
  });

  it('falls back to Botmaker\u2019s message id for messages sent without a payload (from the platform)', () => {
    const { clientPayload: _none, ...withoutPayload } = status();
    expect(receipts.parseReceipts(callback(withoutPayload))).toEqual(
      ok({
        receipts: [{ status: 'delivered', providerMessageId: 'PHW3S2KV4VRWL17BBM1U' }],
      }),
    );
    expect(receipts.parseReceipts(callback(status({ clientPayload: '' })))).toMatchObject(
      ok({
        receipts: [{ providerMessageId: 'PHW3S2KV4VRWL17BBM1U' }],
      }),
    );
  });

  it('reads the v2 session events notification-delivered and notification-read (docs/contracts/providers/botmaker.md §3)', () => {
    const event = (name: string, info: Record<string, unknown>) => ({ name, creationTime: '2026-11-23T14:00:00Z', info });
    expect(
      receipts.parseReceipts(
        callback(event('notification-delivered', { messageId: 'M1', whatsappTemplate: 'alerta_noticia', webhookPayload: 'd-1' })),
      ),
    ).toEqual(
      ok({
        receipts: [{ status: 'delivered', deliveryId: 'd-1' }],
      }),
    );
    expect(
      receipts.parseReceipts(
        callback({
          id: 'CHAT_1_1700000000',
          events: [
            event('notification-sent', { messageId: 'M1', webhookPayload: 'd-1' }),
            event('notification-read', { messageId: 'M1', webhookPayload: 'd-1' }),
            event('notification-error', { messageId: 'M2', webhookPayload: 'd-2', reason: '131049.0' }),
            event('notification-delivered', { messageId: 'M3' }),
          ],
        }),
      ),
    ).toEqual(
      ok({
        receipts: [
          { status: 'read', deliveryId: 'd-1' },
          { status: 'delivered', providerMessageId: 'M3' },
        ],
      }),
    );
  });

  it('reads a list of notifications', () => {
    expect(receipts.parseReceipts(callback([status(), status({ status: 'read', clientPayload: 'd-2' })]))).toEqual(
      ok({
        receipts: [
          { status: 'delivered', deliveryId: '3f1c0a9be2d84c7f9a0b1c2d3e4f5a6b' },
          { status: 'read', deliveryId: 'd-2' },
        ],
      }),
    );
  });

  it.each([
    ['another status', status({ status: 'sent' })],
    ['a status without any id', status({ clientPayload: undefined, messageId: undefined })],
    ['an unknown type', { v: '1.1', type: 'variables', variables: { a: 'b' } }],
    ['an event without info', { name: 'notification-read' }],
    ['not JSON', '<xml/>'],
    ['an empty body', ''],
    ['JSON null', 'null'],
    ['a number', '42'],
  ])('finds no receipt in %s, without failing', (_case, body) => {
    expect(receipts.parseReceipts(callback(body))).toEqual(ok({ receipts: [] }));
  });

  it('finds no receipt in a message notification, only the contact’s own message (never the bot’s)', () => {
    const turn = { ...message, messages: [...message.messages, { _id_: 'PHW9', message: 'BAJA', from: 'bot', fromCustomer: false }] };
    expect(receipts.parseReceipts(callback(turn))).toEqual(
      ok({
        receipts: [],
        inbound: [{ from: '+50688888888', text: 'Gracias', at: new Date('2021-03-08T19:44:14.388Z') }],
      }),
    );
  });

  it('refuses a missing or wrong auth-bm-token', () => {
    expect(receipts.parseReceipts(callback(status(), {}))).toEqual(err('unauthorized'));
    expect(receipts.parseReceipts(callback(status(), { 'auth-bm-token': `${TOKEN}x` }))).toEqual(err('unauthorized'));
    expect(receipts.parseReceipts(callback(status(), { 'auth-bm-token': '' }))).toEqual(err('unauthorized'));
  });

  it('reads the header whatever its case', () => {
    expect(receipts.parseReceipts(callback(status(), { 'Auth-BM-Token': TOKEN }))).toMatchObject(
      ok({
        receipts: [{ status: 'delivered' }],
      }),
    );
  });

  it('refuses every call while BOTMAKER_WEBHOOK_TOKEN is unset', () => {
    const off = new BotmakerReceipts(undefined);
    expect(off.parseReceipts(callback(status()))).toEqual(err('unauthorized'));
    expect(off.parseReceipts(callback(status(), { 'auth-bm-token': '' }))).toEqual(err('unauthorized'));
  });

  test.prop(
    [
      fc.oneof(
        fc.json(),
        fc.string(),
        fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      ),
    ],
    { numRuns: 300 },
  )('never throws, whatever the body', (body) => {
    expect(receipts.parseReceipts(callback(body)).ok).toBe(true);
  });

  test.prop([fc.anything()], { numRuns: 300 })('never throws for any JSON-able value', (value) => {
    let body: string;
    try {
      body = JSON.stringify(value) ?? '';
    } catch {
      body = '';
    }
    expect(receipts.parseReceipts(callback(body)).ok).toBe(true);
  });
});
