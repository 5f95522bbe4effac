import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { whatsappRecipients } from '../../../src/domain/clients/whatsapp-recipients.ts';
import { emailUser } from '../../support/arbitraries/client-user.arb.ts';
import { whatsappId } from '../../support/arbitraries/phone.arb.ts';

describe('whatsappRecipients', () => {
  it('picks the WhatsApp ids out of CVT destinatarios and ignores e-mails', () => {
    expect(whatsappRecipients(['50688888888@c.us', 'ana@example.com'], '506')).toEqual({ recipients: ['+50688888888'], rejected: [] });
  });

  it('sends once to a number listed twice', () => {
    expect(whatsappRecipients(['50688888888@c.us', '88888888@c.us'], '506').recipients).toEqual(['+50688888888']);
  });

  it('reports a bad WhatsApp id but not e-mails, garbage or non-strings', () => {
    const { recipients, rejected } = whatsappRecipients(['5069@c.us', 'basura', null, 42, 'ana@example.com', '50677777777@c.us'], '506');
    expect(recipients).toEqual(['+50677777777']);
    expect(rejected).toEqual([{ value: '5069@c.us', reason: expect.stringMatching(/invalid WhatsApp number/u) as unknown }]);
  });

  test.prop([fc.array(whatsappId), fc.array(emailUser)])('returns exactly the distinct WhatsApp numbers', (ids, emails) => {
    const { recipients } = whatsappRecipients([...emails, ...ids.map((user) => user.value)], '506');
    expect([...recipients].sort()).toEqual([...new Set(ids.map((user) => user.e164))].sort());
  });

  test.prop([fc.array(fc.anything(), { maxLength: 10 })])('never throws for whatever the queue body holds', (values) => {
    expect(() => whatsappRecipients(values, '506')).not.toThrow();
  });
});
