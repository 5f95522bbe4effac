import { err, ok, type Result } from '../shared/result.ts';

/** A phone number in E.164 form: `+` followed by 8 to 15 digits, the first not 0. */
export type PhoneNumber = string & { readonly __brand: 'E164' };

export type PhoneRejection = 'empty' | 'invalid_characters' | 'too_short' | 'too_long' | 'invalid_country_code' | 'invalid_national_number';

export const PHONE_REJECTION_REASONS: Record<PhoneRejection, string> = {
  empty: 'the number is empty',
  invalid_characters: 'the number contains characters other than digits, spaces, dashes, dots, parentheses or a leading +',
  too_short: 'the number is too short',
  too_long: 'the number is longer than 15 digits',
  invalid_country_code: 'a country code cannot start with 0',
  invalid_national_number: 'not a valid number for its country',
};

/**
 * Lengths of national significant numbers for the countries CVT is likely to see. Numbers written
 * without a country code are read as national only when their length fits; anything longer is
 * taken to be already international, as WhatsApp ids (`50688888888@c.us`) are.
 */
const NATIONAL_LENGTHS: Readonly<Record<string, readonly number[]>> = {
  '1': [10],
  '34': [9],
  '52': [10],
  '57': [10],
  '502': [8],
  '503': [8],
  '504': [8],
  '505': [8],
  '506': [8],
  '507': [7, 8],
};

/** Costa Rica's numbering plan: 8 digits; 2 and 4 for fixed lines, 5 to 8 for mobiles. */
const COSTA_RICA = { code: '506', pattern: /^[245678]\d{7}$/u };

const SEPARATORS = /[\s\u00a0\-.()/]/gu;
const MIN_DIGITS = 8;
const MAX_DIGITS = 15;

export function parsePhoneNumber(raw: string, defaultCountryCode: string): Result<PhoneNumber, PhoneRejection> {
  const compact = raw.replace(SEPARATORS, '');
  if (compact === '') return err('empty');
  if (!/^\+?\d+$/u.test(compact)) return err('invalid_characters');

  let international: string;
  if (compact.startsWith('+')) international = compact.slice(1);
  else if (compact.startsWith('00')) international = compact.slice(2);
  else international = withCountryCode(compact, defaultCountryCode);

  if (international.length < MIN_DIGITS) return err('too_short');
  if (international.length > MAX_DIGITS) return err('too_long');
  if (international.startsWith('0')) return err('invalid_country_code');
  if (international.startsWith(COSTA_RICA.code) && !isValidCostaRican(international)) {
    return err('invalid_national_number');
  }
  return ok(`+${international}` as PhoneNumber);
}

function withCountryCode(digits: string, countryCode: string): string {
  const nationalLengths = NATIONAL_LENGTHS[countryCode];
  if (nationalLengths === undefined) return digits.startsWith(countryCode) ? digits : countryCode + digits;
  if (nationalLengths.includes(digits.length)) return countryCode + digits;
  return digits;
}

function isValidCostaRican(international: string): boolean {
  // A +506 prefix followed by something other than 8 digits could still be another country's
  // number only if 506 were a prefix of a longer code, which it is not.
  return COSTA_RICA.pattern.test(international.slice(COSTA_RICA.code.length));
}

/** The digits WhatsApp Web gateways use as a chat id: `50688888888` for `+50688888888`. */
export function phoneDigits(phone: PhoneNumber): string {
  return phone.slice(1);
}
