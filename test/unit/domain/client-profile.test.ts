import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { ClientId } from '../../../src/domain/clients/client-id.ts';
import { profileOf, type Client } from '../../../src/domain/clients/client.ts';
import { emailUser, meltwaterUser } from '../../support/arbitraries/client-user.arb.ts';
import { whatsappId } from '../../support/arbitraries/phone.arb.ts';

const id = '5792a7288ac8f35b0aa93bee' as ClientId;
const client = (users: readonly string[], name: string | null = 'Cliente Temporal'): Client => ({ id, name, users });

describe('profileOf', () => {
  it('sorts the users of docs/contracts/product.md §7 into contacts, distributions and e-mails', () => {
    expect(profileOf(client(['50688888888@c.us', '6734a46da330314a4cd0c3da@meltwater.com', 'ana@example.com']), '506')).toEqual({
      id,
      name: 'Cliente Temporal',
      provider: null,
      contacts: [{ phone: '+50688888888' }],
      meltwaterDistributionIds: ['6734a46da330314a4cd0c3da'],
      emails: ['ana@example.com'],
      rejected: [],
    });
  });

  it('keeps one contact per number however it is written', () => {
    const profile = profileOf(client(['50688888888@c.us', '88888888@c.us', '+506 8888-8888@C.US']), '506');
    expect(profile.contacts).toEqual([{ phone: '+50688888888' }]);
  });

  it('keeps one distribution id whatever its letter case', () => {
    const profile = profileOf(client(['6734A46DA330314A4CD0C3DA@meltwater.com', '6734a46da330314a4cd0c3da@MELTWATER.COM']), '506');
    expect(profile.meltwaterDistributionIds).toEqual(['6734a46da330314a4cd0c3da']);
  });

  it('reports invalid users and still serves the valid ones', () => {
    const profile = profileOf(client(['basura', '5068@c.us', '50677777777@c.us']), '506');
    expect(profile.contacts).toEqual([{ phone: '+50677777777' }]);
    expect(profile.rejected.map((user) => user.value)).toEqual(['basura', '5068@c.us']);
    expect(profile.rejected.every((user) => user.reason.length > 0)).toBe(true);
  });

  test.prop([
    fc.array(
      fc.oneof(
        whatsappId.map((user) => user.value),
        meltwaterUser.map((user) => user.value),
        emailUser,
        fc.string(),
      ),
      { maxLength: 20 },
    ),
  ])('accounts for every user once and never repeats a contact', (users) => {
    const profile = profileOf(client(users), '506');
    const phones = profile.contacts.map((contact) => contact.phone);
    expect(new Set(phones).size).toBe(phones.length);
    expect(new Set(profile.meltwaterDistributionIds).size).toBe(profile.meltwaterDistributionIds.length);
    expect(profile.emails.length + profile.rejected.length).toBeLessThanOrEqual(users.length);
    expect(phones.length + profile.meltwaterDistributionIds.length + profile.emails.length + profile.rejected.length).toBeLessThanOrEqual(
      users.length,
    );
  });
});
