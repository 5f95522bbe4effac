import type { PhoneNumber } from '../phone/phone-number.ts';
import { profileOf, type Client } from './client.ts';
import type { ClientId } from './client-id.ts';

/**
 * Who a WhatsApp number belongs to, for messages whose body names recipients but no client (offline
 * reports): the client when exactly one has the number as a contact, null when none or several do,
 * since a guess would file the delivery under the wrong client.
 */
export function phoneOwners(clients: readonly Client[], defaultCountryCode: string): (phone: PhoneNumber) => ClientId | null {
  const owners = new Map<PhoneNumber, Set<ClientId>>();
  for (const client of clients) {
    for (const { phone } of profileOf(client, defaultCountryCode).contacts) {
      const ids = owners.get(phone) ?? new Set<ClientId>();
      ids.add(client.id);
      owners.set(phone, ids);
    }
  }
  return (phone) => {
    const ids = owners.get(phone);
    return ids?.size === 1 ? ([...ids][0] ?? null) : null;
  };
}
