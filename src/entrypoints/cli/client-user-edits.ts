import { parseClientUser } from '../../domain/clients/client-user.ts';

/**
 * What makes two `correo` values the same user: the same WhatsApp number however it is written
 * (`50688888888@c.us`, `88888888@c.us`), the same distribution, or the same address ignoring case.
 */
function userKey(value: string, defaultCountryCode: string): string {
  const user = parseClientUser(value, defaultCountryCode);
  if (user.kind === 'whatsapp') return `whatsapp:${user.phone}`;
  if (user.kind === 'meltwater') return `meltwater:${user.distributionId}`;
  return `other:${user.value.toLowerCase()}`;
}

export interface MergedUsers {
  readonly users: string[];
  readonly added: number;
  readonly alreadyPresent: number;
}

/** Existing users first, as stored; then each new user not already there. */
export function mergeUsers(existing: readonly string[], additions: readonly string[], defaultCountryCode: string): MergedUsers {
  const seen = new Set(existing.map((value) => userKey(value, defaultCountryCode)));
  const users = [...existing];
  let alreadyPresent = 0;
  for (const value of additions.map((addition) => addition.trim()).filter((addition) => addition !== '')) {
    const key = userKey(value, defaultCountryCode);
    if (seen.has(key)) {
      alreadyPresent++;
      continue;
    }
    seen.add(key);
    users.push(value);
  }
  return { users, added: users.length - existing.length, alreadyPresent };
}

export interface RemainingUsers {
  readonly users: string[];
  readonly removed: number;
  /** Values given for removal that match no user of the client. */
  readonly notFound: string[];
}

export function removeUsers(existing: readonly string[], removals: readonly string[], defaultCountryCode: string): RemainingUsers {
  const wanted = new Map(removals.map((value) => [userKey(value.trim(), defaultCountryCode), value.trim()] as const));
  const users = existing.filter((value) => !wanted.has(userKey(value, defaultCountryCode)));
  const existingKeys = new Set(existing.map((value) => userKey(value, defaultCountryCode)));
  const notFound = [...wanted].filter(([key]) => !existingKeys.has(key)).map(([, value]) => value);
  return { users, removed: existing.length - users.length, notFound };
}
