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

/*
 * The rule for free text (logs, error messages, dead-letter bodies), in order:
 *
 * 1. Whole tokens that are never phone numbers stay readable: UUIDs, ISO dates and times, IPv4
 *    addresses, and a run of exactly 24 digits (a MongoDB ObjectId that happens to hold no letter:
 *    client and distribution ids must stay searchable, and no phone number has 24 digits).
 * 2. Any other run of 8 or more digits, however long (a 22-digit "number" too), possibly written with
 *    spaces, dots, dashes or parentheses between them (`+506 (8888) 8888`), is masked...
 * 3. ...unless it belongs to an identifier rather than standing on its own: it touches a letter or a
 *    digit (`6734a46da330314a4cd0c3da`, a hex id), or it is a plain digit run joined by `-` or `_` to a
 *    part with a letter in it (`rep-20261121-am`, `informe_20261121`). Those are what an operator
 *    searches the logs for. A run followed by `@` is a WhatsApp id or an e-mail's local part, and is
 *    masked even inside an identifier (`true_50688888888@c.us_3EB0`).
 */
const UUID = String.raw`[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}`;
const ISO_DATE_TIME = String.raw`\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const OBJECT_ID_DIGITS = String.raw`\d{24}`;
// Greedy and without a length limit, so that each character is read once: a run is then judged whole,
// which keeps a hostile line of digits and spaces linear in time.
const DIGIT_RUN = String.raw`[+(]?\d(?:[ \u00a0().\-]{0,3}\d)*`;
const CANDIDATE = new RegExp(`(?<![A-Za-z0-9])(${UUID}|${ISO_DATE_TIME}|${IPV4}|${OBJECT_ID_DIGITS})(?![A-Za-z0-9])|${DIGIT_RUN}`, 'gu');

const MIN_MASKED_DIGITS = 8;
const JOINERS = new Set(['-', '_']);
const WORD_CHAR = /[A-Za-z0-9]/u;
const LETTER = /[A-Za-z]/u;
const FIRST_GROUP = /^\d+[ \u00a0().\-]{1,3}/u;
const LAST_GROUP = /[ \u00a0().\-]{1,3}\d+$/u;

/** Masks whatever in free text could be a phone number, and nothing that is part of an identifier. */
export function maskPhonesInText(text: string): string {
  // Nothing is masked in a text with fewer digits than a masked run needs (most log fields): the
  // search below is not worth starting.
  if (!hasDigits(text, MIN_MASKED_DIGITS)) return text;
  return text.replace(CANDIDATE, (match: string, kept: string | undefined, offset: number) =>
    kept === undefined ? maskRun(text, match, offset) : match,
  );
}

/** Whether `text` holds at least `count` ASCII digits (what `\d` matches), anywhere. */
function hasDigits(text: string, count: number): boolean {
  let found = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57 && ++found >= count) return true;
  }
  return false;
}

/**
 * A run of digits and separators found at `offset`. A group touching a letter or digit belongs to
 * the word it touches (`0A`, `x12`): it is left as it is and the rest of the run is judged alone.
 */
function maskRun(text: string, run: string, offset: number): string {
  let body = run;
  let start = offset;
  let head = '';
  let tail = '';
  if (/^\d/u.test(body) && WORD_CHAR.test(text[start - 1] ?? '')) {
    head = FIRST_GROUP.exec(body)?.[0] ?? body;
    body = body.slice(head.length);
    start += head.length;
  }
  if (body !== '' && WORD_CHAR.test(text[start + body.length] ?? '')) {
    tail = LAST_GROUP.exec(body)?.[0] ?? body;
    body = body.slice(0, body.length - tail.length);
  }
  if (body.replace(/\D/gu, '').length < MIN_MASKED_DIGITS || isJoinedToIdentifier(text, body, start)) return run;
  return `${head}${maskPhone(body)}${tail}`;
}

/** A plain digit run joined by `-` or `_` to a word with a letter: a part of an id, unless an `@` follows. */
function isJoinedToIdentifier(text: string, run: string, offset: number): boolean {
  const end = offset + run.length;
  if (!/^\d+$/u.test(run) || text[end] === '@') return false;
  return joinedToWord(text, offset - 1, -1) || joinedToWord(text, end, 1);
}

/** Whether the character at `at` is a joiner followed, in `direction`, by a word with a letter in it. */
function joinedToWord(text: string, at: number, direction: 1 | -1): boolean {
  if (!JOINERS.has(text[at] ?? '')) return false;
  for (let index = at + direction; index >= 0 && index < text.length && WORD_CHAR.test(text[index]!); index += direction) {
    if (LETTER.test(text[index]!)) return true;
  }
  return false;
}
