import { fc } from '@fast-check/vitest';

const digit = fc.constantFrom(...'0123456789');
const digits = (length: number) => fc.array(digit, { minLength: length, maxLength: length }).map((chars) => chars.join(''));

/** The 8 national digits of a Costa Rican number: 2 and 4 fixed lines, 5 to 8 mobiles. */
export const crNationalNumber = fc.tuple(fc.constantFrom(...'245678'), digits(7)).map(([first, rest]) => first + rest);

/** A national number that is not Costa Rican: it starts with 0, 1 or 9. */
export const nonCrNationalNumber = fc.tuple(fc.constantFrom(...'019'), digits(7)).map(([first, rest]) => first + rest);

/** How people and systems write a Costa Rican number: with or without 506, +506, 00506 and separators. */
export const crWrittenForms: readonly ((national: string) => string)[] = [
  (n) => n,
  (n) => `${n.slice(0, 4)}-${n.slice(4)}`,
  (n) => `${n.slice(0, 4)} ${n.slice(4)}`,
  (n) => `${n.slice(0, 4)}.${n.slice(4)}`,
  (n) => `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6)}`,
  (n) => `+506${n}`,
  (n) => `+506 ${n.slice(0, 4)} ${n.slice(4)}`,
  (n) => `+506-${n.slice(0, 4)}-${n.slice(4)}`,
  (n) => `+506 (${n.slice(0, 4)}) ${n.slice(4)}`,
  (n) => `(506) ${n.slice(0, 4)}-${n.slice(4)}`,
  (n) => `00506 ${n}`,
  (n) => `00506${n}`,
  (n) => `506${n}`,
  (n) => `506 ${n.slice(0, 4)} ${n.slice(4)}`,
  (n) => ` ${n}\u00a0`,
];

/** A Costa Rican number, one way it may be written, and its E.164 form. */
export const crPhone = fc
  .tuple(crNationalNumber, fc.constantFrom(...crWrittenForms))
  .map(([national, write]) => ({ national, written: write(national), e164: `+506${national}` }));

/** A WhatsApp Web id as CVT stores it: `50688888888@c.us`, sometimes without the country code. */
export const whatsappId = fc
  .tuple(crNationalNumber, fc.boolean(), fc.constantFrom('@c.us', '@C.US', '@c.US'))
  .map(([national, withCountry, suffix]) => ({ value: `${withCountry ? '506' : ''}${national}${suffix}`, e164: `+506${national}` }));

/** A number of another country written in international form, e.g. `+1 (555) 123-4567`. */
export const foreignPhone = fc
  .tuple(fc.constantFrom('1', '34', '52', '57', '502', '44'), digits(9))
  .filter(([, rest]) => rest[0] !== '0')
  .map(([code, rest]) => ({ written: `+${code} ${rest.slice(0, 3)} ${rest.slice(3)}`, e164: `+${code}${rest}` }));
