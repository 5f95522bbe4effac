import type { PhoneNumber } from '../phone/phone-number.ts';
import type { ClientId } from './client-id.ts';
import { parseClientUser, type RejectedUser } from './client-user.ts';

/** A CVT client as its users are stored: the raw `correo` values, exactly as CVT's database keeps them. */
export interface Client {
  readonly id: ClientId;
  readonly name: string | null;
  readonly users: readonly string[];
  /** Sends this client's messages through another provider than the configured one. */
  readonly provider?: string | null;
}

interface Contact {
  readonly phone: PhoneNumber;
}

/** What the users of a client mean for this service. */
export interface ClientProfile {
  readonly id: ClientId;
  readonly name: string | null;
  /** The provider this client's messages go through, when not the configured one. */
  readonly provider: string | null;
  readonly contacts: readonly Contact[];
  readonly meltwaterDistributionIds: readonly string[];
  readonly emails: readonly string[];
  readonly rejected: readonly RejectedUser[];
}

export function profileOf(client: Client, defaultCountryCode: string): ClientProfile {
  const phones = new Set<PhoneNumber>();
  const distributionIds = new Set<string>();
  const emails: string[] = [];
  const rejected: RejectedUser[] = [];
  for (const raw of client.users) {
    const user = parseClientUser(raw, defaultCountryCode);
    switch (user.kind) {
      case 'whatsapp':
        phones.add(user.phone);
        break;
      case 'meltwater':
        distributionIds.add(user.distributionId);
        break;
      case 'email':
        emails.push(user.value);
        break;
      case 'invalid':
        rejected.push({ value: user.value, reason: user.reason });
        break;
    }
  }
  return {
    id: client.id,
    name: client.name,
    provider: client.provider ?? null,
    contacts: [...phones].map((phone) => ({ phone })),
    meltwaterDistributionIds: [...distributionIds],
    emails,
    rejected,
  };
}
