/**
 * Masks a phone number for display and logs: `+50688888888` becomes `+506****8888`. Only the
 * leading country digits and the last four survive, enough for a person to tell contacts apart.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/gu, '');
  if (digits.length < 8) return '****';
  const plus = phone.trimStart().startsWith('+') ? '+' : '';
  return `${plus}${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

// Eight or more digits, possibly written with spaces, dots, dashes or parentheses between them. A run
// touching letters is part of an identifier (a UUID, a hex id), not a phone number.
const PHONE_LIKE = /(?<![A-Za-z0-9])\+?\d(?:[ ().-]?\d){7,}(?![A-Za-z0-9])/gu;

/** Masks whatever in free text could be a phone number. */
export function maskPhonesInText(text: string): string {
  return text.replace(PHONE_LIKE, (match) => maskPhone(match));
}
