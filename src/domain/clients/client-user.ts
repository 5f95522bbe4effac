import { parsePhoneNumber, PHONE_REJECTION_REASONS, type PhoneNumber } from '../phone/phone-number.ts';

/**
 * One `correo` value of CVT's `usuarioclientes` collection, read by CVT's conventions:
 * `<digits>@c.us` is a WhatsApp contact, `<distributionId>@meltwater.com` a Meltwater newsletter
 * distribution, anything else that looks like an address an e-mail user (not ours to message).
 */
export type ClientUser =
  | { readonly kind: 'whatsapp'; readonly value: string; readonly phone: PhoneNumber }
  | { readonly kind: 'meltwater'; readonly value: string; readonly distributionId: string }
  | { readonly kind: 'email'; readonly value: string }
  | { readonly kind: 'invalid'; readonly value: string; readonly reason: string };

export interface RejectedUser {
  readonly value: string;
  readonly reason: string;
}

const WHATSAPP_SUFFIX = '@c.us';
const MELTWATER_SUFFIX = '@meltwater.com';
const DISTRIBUTION_ID = /^[0-9a-f]{24}$/iu;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

export function parseClientUser(raw: unknown, defaultCountryCode: string): ClientUser {
  if (typeof raw !== 'string') {
    return { kind: 'invalid', value: describeNonString(raw), reason: 'not a string' };
  }
  const value = raw.trim();
  const lower = value.toLowerCase();

  if (lower.endsWith(WHATSAPP_SUFFIX)) {
    const number = value.slice(0, -WHATSAPP_SUFFIX.length);
    const phone = parsePhoneNumber(number, defaultCountryCode);
    return phone.ok
      ? { kind: 'whatsapp', value, phone: phone.value }
      : { kind: 'invalid', value, reason: `invalid WhatsApp number: ${PHONE_REJECTION_REASONS[phone.error]}` };
  }
  if (lower.endsWith(MELTWATER_SUFFIX)) {
    const distributionId = value.slice(0, -MELTWATER_SUFFIX.length);
    return DISTRIBUTION_ID.test(distributionId)
      ? { kind: 'meltwater', value, distributionId: distributionId.toLowerCase() }
      : { kind: 'invalid', value, reason: 'invalid Meltwater distribution id: expected 24 hexadecimal characters' };
  }
  if (EMAIL.test(value)) return { kind: 'email', value };
  return {
    kind: 'invalid',
    value,
    reason: 'not a WhatsApp id (<number>@c.us), a Meltwater distribution (<id>@meltwater.com) or an e-mail address',
  };
}

/** A user that is not a string, as text to store and report; never throws, however deep or odd the value. */
export function describeNonString(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    // Circular or BigInt-holding values; String() itself throws for objects without a prototype.
    try {
      return String(raw);
    } catch {
      return Object.prototype.toString.call(raw);
    }
  }
}
