/**
 * Masks a phone number for display and logs: `+50688888888` becomes `+506****8888`. Only the
 * leading country digits and the last four survive, enough for a person to tell contacts apart;
 * at least four digits are always hidden, so a number written without its country code
 * (`88881234`) keeps only its last four (`****1234`).
 */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/\D/gu, '');
  let plus = phone.trimStart().startsWith('+') ? '+' : '';
  if (plus === '' && digits.startsWith('00') && digits.length > 10) {
    digits = digits.slice(2);
    plus = '+';
  }
  if (digits.length < 8) return '****';
  const kept = Math.min(3, digits.length - 8);
  return `${plus}${digits.slice(0, kept)}****${digits.slice(-4)}`;
}

// Digit runs that are not phone numbers and must stay readable in logs: UUIDs, ISO dates and times,
// IPv4 addresses. They are matched first so that their digits are never taken for a phone number.
const UUID = String.raw`[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}`;
const ISO_DATE_TIME = String.raw`\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
// 8 to 15 digits (E.164's longest), possibly written with spaces, dots, dashes or parentheses
// between them (`+506 (8888) 8888`). A run touching letters or digits is part of an identifier (a hex
// id, a longer number), not a phone number.
const PHONE = String.raw`[+(]?\d(?:[ \u00a0().\-]{0,3}\d){7,14}`;
const PHONE_LIKE = new RegExp(`(?<![A-Za-z0-9])(?:(${UUID}|${ISO_DATE_TIME}|${IPV4})|${PHONE})(?![A-Za-z0-9])`, 'gu');

/** Masks whatever in free text could be a phone number. */
export function maskPhonesInText(text: string): string {
  return text.replace(PHONE_LIKE, (match, kept: string | undefined) => (kept === undefined ? maskPhone(match) : match));
}
