import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/**
 * One zod issue in plain words, naming the field and what it expects: `idEnvio: missing; expected a
 * text or a whole number` rather than zod's `idEnvio: Invalid input`. A message written in a schema
 * (`.regex(…, 'must be 24 hexadecimal characters')`) already says it in the field's own terms and is
 * kept as it is.
 */
export function issueText(issue: Issue): string {
  return `${fieldName(issue.path)}: ${issueReason(issue)}`;
}

function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'body';
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

// zod's own English messages start with these words; anything else was written for the field.
const ZOD_DEFAULT_MESSAGE = /^(?:Invalid|Too small|Too big|Unrecognized key)/u;

const THINGS: Readonly<Record<string, string>> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'an object',
  record: 'an object',
  map: 'an object',
  date: 'a date',
  null: 'null',
  undefined: 'nothing',
};

const thing = (type: string): string => THINGS[type] ?? type;

function issueReason(issue: Issue): string {
  if (!ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return typeReason([issue.expected], received(issue.message));
    case 'invalid_union': {
      const branches = issue.errors.flat().filter((nested) => nested.path.length === 0);
      const expected = [...new Set(branches.flatMap((nested) => (nested.code === 'invalid_type' ? [nested.expected] : [])))];
      if (expected.length === 0) return branches[0] === undefined ? 'has an unexpected form' : issueReason(branches[0]);
      const got = branches.map((nested) => received(nested.message)).find((value) => value !== undefined);
      return typeReason(expected, got);
    }
    case 'too_small':
      return sizeReason('at least', issue.origin, Number(issue.minimum), issue.inclusive !== false);
    case 'too_big':
      return sizeReason('at most', issue.origin, Number(issue.maximum), issue.inclusive !== false);
    case 'invalid_value':
      return `must be one of: ${issue.values.map((value) => String(value)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex'
        ? 'is not written the expected way'
        : `must be ${issue.format === 'email' ? 'an e-mail address' : `a valid ${issue.format}`}`;
    case 'unrecognized_keys':
      return `unexpected field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

/** What zod says it received (`…, received undefined`), the only place its issues keep it. */
function received(message: string): string | undefined {
  return /received (\w+)$/u.exec(message)?.[1];
}

function typeReason(expected: readonly string[], got: string | undefined): string {
  const wanted = [...new Set(expected.map(thing))].join(' or ');
  if (got === 'undefined') return `missing; expected ${wanted}`;
  // A coerced number reports NaN, not what was written: naming it would say nothing.
  return got === undefined || got === 'NaN' ? `expected ${wanted}` : `expected ${wanted}, not ${thing(got)}`;
}

function sizeReason(bound: 'at least' | 'at most', origin: string, limit: number, inclusive: boolean): string {
  if (origin === 'string') {
    if (bound === 'at least' && limit === 1) return 'must not be empty';
    return `must have ${bound} ${limit} character${limit === 1 ? '' : 's'}`;
  }
  if (origin === 'array' || origin === 'set') {
    if (bound === 'at least' && limit === 1) return 'must have at least one item';
    return `must have ${bound} ${limit} item${limit === 1 ? '' : 's'}`;
  }
  if (inclusive) return `must be ${bound} ${limit}`;
  return `must be ${bound === 'at least' ? 'greater' : 'less'} than ${limit}`;
}
