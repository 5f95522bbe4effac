import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import type { Client } from '../../../src/domain/clients/client.ts';
import type { ClientId } from '../../../src/domain/clients/client-id.ts';
import { phoneOwners } from '../../../src/domain/clients/phone-owners.ts';
import type { PhoneNumber } from '../../../src/domain/phone/phone-number.ts';
import { crNationalNumber } from '../../support/arbitraries/phone.arb.ts';

const clientIds = ['5792a7288ac8f35b0aa93be1', '5792a7288ac8f35b0aa93be2', '5792a7288ac8f35b0aa93be3'] as ClientId[];

test.prop([
  fc.uniqueArray(crNationalNumber, { minLength: 1, maxLength: 6 }),
  fc.array(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), { minLength: 6, maxLength: 6 }),
])(
  'a number belongs to the one client that has it as a contact, however it is written, and to none when several or none have it',
  (numbers, holds) => {
    const clients: Client[] = clientIds.map((id, column) => ({
      id,
      name: null,
      // The same number written two ways by CVT's users: with and without the country code.
      users: numbers
        .filter((_, row) => holds[row]![column])
        .map((national, row) => (row % 2 === 0 ? `506${national}@c.us` : `${national}@c.us`)),
    }));
    const ownerOf = phoneOwners(clients, '506');
    numbers.forEach((national, row) => {
      const owners = clientIds.filter((_, column) => holds[row]![column]);
      expect(ownerOf(`+506${national}` as PhoneNumber)).toBe(owners.length === 1 ? owners[0] : null);
    });
  },
);
