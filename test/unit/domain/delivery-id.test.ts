import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { deliveryIdOf, isDeliveryStatus } from '../../../src/domain/deliveries/delivery.ts';
import { JOBS, isJob } from '../../../src/domain/deliveries/job.ts';
import type { PhoneNumber } from '../../../src/domain/phone/phone-number.ts';
import { crPhone } from '../../support/arbitraries/phone.arb.ts';

const request = fc.record({
  job: fc.constantFrom(...JOBS),
  eventKey: fc.string({ maxLength: 60 }),
  channel: fc.constant('whatsapp' as const),
  recipient: crPhone.map((phone) => phone.e164 as PhoneNumber),
});

describe('deliveryIdOf', () => {
  it('is 32 hex characters and the same for the same job, event and recipient', () => {
    const id = deliveryIdOf({ job: 'offline-alert', eventKey: 'nota:66f1', channel: 'whatsapp', recipient: '+50688888888' as PhoneNumber });
    expect(id).toMatch(/^[0-9a-f]{32}$/u);
    expect(
      deliveryIdOf({ job: 'offline-alert', eventKey: 'nota:66f1', channel: 'whatsapp', recipient: '+50688888888' as PhoneNumber }),
    ).toBe(id);
  });

  test.prop([request])('is deterministic', (r) => {
    expect(deliveryIdOf({ ...r })).toBe(deliveryIdOf(r));
  });

  test.prop([request, request])('differs when the job, event or recipient differs', (a, b) => {
    fc.pre(a.job !== b.job || a.eventKey !== b.eventKey || a.recipient !== b.recipient);
    expect(deliveryIdOf(a)).not.toBe(deliveryIdOf(b));
  });

  it('does not confuse an event key that contains the separator', () => {
    const a = deliveryIdOf({
      job: 'meltwater-alert',
      eventKey: 'a\n+50688888888',
      channel: 'whatsapp',
      recipient: '+50677777777' as PhoneNumber,
    });
    const b = deliveryIdOf({ job: 'meltwater-alert', eventKey: 'a', channel: 'whatsapp', recipient: '+50688888888' as PhoneNumber });
    expect(a).not.toBe(b);
  });

  it('keeps a push notification to a device apart from a WhatsApp message with the same recipient text', () => {
    const whatsapp = deliveryIdOf({ job: 'offline-alert', eventKey: 'n1', channel: 'whatsapp', recipient: 'device-1' });
    expect(deliveryIdOf({ job: 'offline-alert', eventKey: 'n1', channel: 'push', recipient: 'device-1' })).not.toBe(whatsapp);
  });
});

describe('job and status names', () => {
  it('knows the four jobs and the six statuses', () => {
    expect(JOBS.every(isJob)).toBe(true);
    expect(isJob('push')).toBe(false);
    for (const status of ['queued', 'sending', 'sent', 'delivered', 'read', 'failed']) expect(isDeliveryStatus(status)).toBe(true);
    expect(isDeliveryStatus('done')).toBe(false);
  });
});
