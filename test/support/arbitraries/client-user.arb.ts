import { fc } from '@fast-check/vitest';

const hex = fc.constantFrom(...'0123456789abcdef');

/** A MongoDB ObjectId as hex text: CVT's client ids and Meltwater distribution ids have this form. */
export const objectIdHex = fc.array(hex, { minLength: 24, maxLength: 24 }).map((chars) => chars.join(''));

/** Randomly upper-cases letters, as hand-typed ids and suffixes sometimes are. */
export const anyCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((upper) => [...text].map((char, i) => (upper[i] ? char.toUpperCase() : char)).join(''));

/** `<distributionId>@meltwater.com`, in any letter case. */
export const meltwaterUser = objectIdHex.chain((id) => anyCase(`${id}@meltwater.com`).map((value) => ({ value, distributionId: id })));

/** An ordinary e-mail address of a client's staff (not ours to message). */
export const emailUser = fc.emailAddress().filter((email) => !/@(c\.us|meltwater\.com)$/iu.test(email));
