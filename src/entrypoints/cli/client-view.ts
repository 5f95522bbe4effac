import type { ClientProfile } from '../../domain/clients/client.ts';
import { maskPhone, maskPhonesInText } from '../../domain/phone/masking.ts';
import { textTable } from './text-table.ts';

/** One client in readable form; phone numbers masked, as everywhere outside the database. */
export function clientDetailLines(profile: ClientProfile): string[] {
  return [
    `Client:         ${profile.id}`,
    `Name:           ${profile.name ?? '(no name)'}`,
    `Provider:       ${profile.provider ?? '(the configured one)'}`,
    `Contacts:       ${profile.contacts.length}`,
    ...profile.contacts.map((contact) => `  ${maskPhone(contact.phone)}`),
    `Distributions:  ${profile.meltwaterDistributionIds.length}`,
    ...profile.meltwaterDistributionIds.map((id) => `  ${id}`),
    `E-mail users:   ${profile.emails.length} (not messaged here)`,
    `Rejected:       ${profile.rejected.length}`,
    ...rejectedLines(profile),
  ];
}

/** Invalid users with their reason; they are kept as stored but never messaged. */
function rejectedLines(profile: ClientProfile, indent = '  '): string[] {
  return profile.rejected.map((user) => `${indent}${maskPhonesInText(user.value)}: ${user.reason}`);
}

export function clientListLines(profiles: readonly ClientProfile[]): string[] {
  if (profiles.length === 0) return ['no clients'];
  return textTable(
    ['ID', 'NAME', 'CONTACTS', 'DISTRIBUTIONS', 'REJECTED'],
    profiles.map((profile) => [
      profile.id,
      profile.name ?? '',
      String(profile.contacts.length),
      profile.meltwaterDistributionIds.join(',') || '-',
      String(profile.rejected.length),
    ]),
  );
}
