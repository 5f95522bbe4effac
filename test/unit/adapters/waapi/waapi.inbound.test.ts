import { describe, expect, it } from 'vitest';
import { waapiInbound } from '../../../../src/adapters/waapi/waapi.inbound.ts';

const envelope = (event: string, message: Record<string, unknown>) => ({ event, instanceId: '60123', data: { message } });

describe('Waapi inbound messages (docs/contracts/providers/cloudapi.md §6)', () => {
  it('reads a contact\u2019s text from message and message_create, with or without _data', () => {
    expect(waapiInbound(envelope('message', { from: '50688888888@c.us', body: 'Baja ', fromMe: false, timestamp: 1_764_748_800 }))).toEqual(
      [{ from: '+50688888888', text: 'Baja ', at: new Date(1_764_748_800_000) }],
    );
    expect(
      waapiInbound(envelope('message_create', { _data: { from: '50688888888@c.us', body: 'STOP', id: { fromMe: false } } })),
    ).toMatchObject([{ from: '+50688888888', text: 'STOP' }]);
  });

  it('never reads our own message echoed back, a group or a LID sender', () => {
    expect(
      waapiInbound(envelope('message_create', { from: '50622223333@c.us', to: '50688888888@c.us', body: 'Responda BAJA', fromMe: true })),
    ).toEqual([]);
    expect(waapiInbound(envelope('message_create', { _data: { from: '50688888888@c.us', body: 'BAJA', id: { fromMe: true } } }))).toEqual(
      [],
    );
    expect(waapiInbound(envelope('message', { from: '120363041234567890@g.us', body: 'BAJA' }))).toEqual([]);
    expect(waapiInbound(envelope('message', { from: '12345678901234@lid', body: 'BAJA' }))).toEqual([]);
    expect(waapiInbound(envelope('message_ack', { from: '50688888888@c.us', body: 'BAJA' }))).toEqual([]);
  });
});
