import { fc } from '@fast-check/vitest';
import { MAX_BODY_BYTES } from '../../src/entrypoints/shared/http-errors.ts';

/**
 * Generators of what an attacker, a broken client or a confused proxy may send. Everything is produced
 * as text or bytes, never as a JS object: `{"__proto__": …}` only survives as an own key in JSON text.
 */

export { MAX_BODY_BYTES };

/** Keys that rewrite prototypes when code merges untrusted objects carelessly. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Names every plain object inherits: a lookup table indexed by untrusted text finds them. */
export const INHERITED_NAMES = [
  ...PROTOTYPE_KEYS,
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupGetter__',
] as const;

/** Text that breaks naive code: NUL, bidi overrides, zero-width and joiners, combining marks, line separators, markup. */
const TRAPS = [
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u202e',
  '\u200f',
  '\u200b',
  '\ufeff',
  '\u2028',
  '\u2029',
  'e\u0301\u0301\u0301',
  '\ufffe',
  '\uffff',
  '👨‍👩‍👧‍👦',
  '🇨🇷',
  '😀',
  'שלום',
  'مرحبا',
  '新闻',
  '\\',
  '"',
  "'",
  '</script><script>alert(1)</script>',
  '${process.exit()}',
  '{{constructor}}',
  '%00',
  '%',
  '\r\n\r\n',
  '\t',
  ' ',
  '\u00a0',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Any text, lone surrogates included (they become U+FFFD on the wire, or `\udXXX` escapes in JSON). */
export const hostileString = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(...TRAPS, ...INHERITED_NAMES), loneSurrogate), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

/** The same without lone surrogates: text that any store can keep exactly. */
export const wellFormedHostileString = hostileString.filter((text) => text.isWellFormed());

/** Hostile text that is not blank once trimmed. */
export const hostileNonBlank = hostileString.filter((text) => text.trim() !== '');

// ---------------------------------------------------------------- JSON trees, rendered as text

/** JSON number literals at the edges: negative zero, past the double range (Infinity once parsed), subnormal, unsafe integers. */
const NUMBER_LITERALS = ['-0', '1e400', '-1e400', '5e-324', '1e-400', '9007199254740993', '123456789012345678901234567890', '1E2', '0.0'];

const jsonLeaf = fc.oneof(
  fc.constant('null'),
  fc.boolean().map(String),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
  fc.constantFrom(...NUMBER_LITERALS),
  hostileString.map((text) => JSON.stringify(text)),
  fc.constantFrom(...INHERITED_NAMES).map((name) => JSON.stringify(name)),
);

/**
 * JSON text of any shape. `keys` biases object keys towards a route's own field names, so that the
 * generated trees reach past the first check; prototype keys and duplicates are always possible.
 */
export function hostileJson(keys: readonly string[] = []): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 3, arbitrary: keys.length > 0 ? fc.constantFrom(...keys) : fc.string({ maxLength: 8 }) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 1, arbitrary: hostileString },
  );
  const tree = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, jsonLeaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 5 }).map((items) => `[${items.join(',')}]`),
    object: fc
      .array(fc.tuple(key, tie('value')), { maxLength: 6 })
      .map((entries) => `{${entries.map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`),
  }));
  return fc.oneof(tree.value, tree.object, fc.json());
}

/** JSON text whose top level is an object (the shape most routes take). */
export function hostileJsonObject(keys: readonly string[] = []): fc.Arbitrary<string> {
  return hostileJson(keys).filter((text) => isPlainObject(JSON.parse(text)));
}

/**
 * A long body with a short name: fast-check prints counterexamples whole, and a megabyte of brackets
 * would bury the report.
 */
export interface Labelled {
  readonly text: string;
}

export function labelled(text: string, label: string): Labelled {
  return { text, [fc.toStringMethod]: () => label } as Labelled;
}

/** The same long body placed inside a shorter one, still named briefly. */
export function around(inner: Labelled, build: (text: string) => string): Labelled {
  return labelled(build(inner.text), build(String((inner as unknown as { [fc.toStringMethod]: () => string })[fc.toStringMethod]())));
}

export const textOf = (body: string | Labelled): string => (typeof body === 'string' ? body : body.text);

/** Nesting far past any recursive walker's stack: arrays (2 bytes a level) and objects (6 bytes a level), under 1 MiB. */
export const deeplyNested: fc.Arbitrary<Labelled> = fc
  .record({ shape: fc.constantFrom('array', 'object', 'mixed'), depth: fc.constantFrom(1_000, 10_000, 100_000, 160_000) })
  .map(({ shape, depth }) => {
    const label = `<${shape} nested ${depth} deep>`;
    if (shape === 'array') return labelled(`${'['.repeat(depth)}${']'.repeat(depth)}`, label);
    if (shape === 'object') return labelled(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, label);
    return labelled(`${'[{"a":'.repeat(depth / 2)}null${'}]'.repeat(depth / 2)}`, label);
  });

/** Nesting that never closes, or closes with the wrong bracket: not JSON. */
export const brokenNesting: fc.Arbitrary<Labelled> = fc
  .record({
    open: fc.constantFrom('[', '{"a":', '[{"b":['),
    depth: fc.constantFrom(10, 10_000, 100_000),
    close: fc.constantFrom('none', 'wrong'),
  })
  .map(({ open, depth, close }) =>
    labelled(
      close === 'none' ? open.repeat(depth) : `${open.repeat(depth)}${'}'.repeat(depth * 2)}`,
      `<${JSON.stringify(open)} opened ${depth} times, closed ${close}>`,
    ),
  );

// ---------------------------------------------------------------- not JSON

const NOT_JSON = [
  '',
  ' ',
  '\n\t',
  'undefined',
  'NaN',
  'Infinity',
  "{'title': 'x'}",
  '{"title": "x",}',
  '[1,]',
  '{title: "x"}',
  '{"a": 01}',
  '{"a": "\u0001"}',
  '{"a": "\\x41"}',
  '[1] [2]',
  '{"a":1}{"a":2}',
  '{"__proto__":}',
  '<?xml version="1.0"?><title>x</title>',
  'title=x&links%5Barticle%5D=https%3A%2F%2Fx.cr',
  '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--x--',
  '\ufeff{}',
  '{}\u0000',
  '/* comment */ {}',
  '"unterminated',
  '0x1F',
  '.5',
  '+1',
  "'single'",
];

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Text that no JSON parser accepts: random text, truncated or padded JSON, near-misses, other formats. */
export const notJsonText = fc
  .oneof(
    fc.constantFrom(...NOT_JSON),
    fc.string({ unit: 'binary', maxLength: 200 }),
    hostileString,
    fc.json().chain((text) => fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => text.slice(0, cut))),
    fc.json().map((text) => `${text},`),
  )
  .filter((text) => !isJson(text));

/** Byte sequences that are not UTF-8: overlong forms, lone continuation bytes, encoded surrogates, UTF-16 and Latin-1 text. */
const NOT_UTF8 = [
  Uint8Array.of(0xff, 0xfe, 0xfd),
  Uint8Array.of(0xc0, 0xaf),
  Uint8Array.of(0xe0, 0x80, 0xaf),
  Uint8Array.of(0xed, 0xa0, 0x80),
  Uint8Array.of(0x80, 0x80, 0x80),
  Uint8Array.of(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x22, 0x7d),
  new Uint8Array(Buffer.from('{"title":"Titular"}', 'utf16le')),
  new Uint8Array(Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from('{"title":"Titular"}', 'utf16le')])),
  new Uint8Array(Buffer.from('{"title":"Titular"}', 'latin1').map((byte, index) => (index === 10 ? 0xe9 : byte))),
];

/** Raw bytes: random, or not UTF-8 at all. */
export const hostileBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 512 }),
  fc.constantFrom(...NOT_UTF8),
);

// ---------------------------------------------------------------- wrong types

export type JsonKind = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

const KIND_SAMPLES: Record<JsonKind, fc.Arbitrary<string>> = {
  string: fc.oneof(hostileString, fc.constantFrom(...INHERITED_NAMES)).map((text) => JSON.stringify(text)),
  number: fc.oneof(
    fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((value) => !Number.isInteger(value))
      .map(String),
    fc.constantFrom('1e400', '-1e400', '5e-324', '0.5'),
  ),
  integer: fc.oneof(fc.integer().map(String), fc.constantFrom('-0', '9007199254740993', '1e21')),
  boolean: fc.constantFrom('true', 'false'),
  null: fc.constant('null'),
  array: fc.oneof(
    fc.constant('[]'),
    hostileJson().map((item) => `[${item}]`),
  ),
  object: fc.oneof(
    fc.constant('{}'),
    hostileJsonObject(),
    fc.constantFrom(...PROTOTYPE_KEYS).map((key) => `{"${key}":{"polluted":true}}`),
  ),
};

/** JSON text of a value of none of the `allowed` kinds (`number` covers integers too). */
export function valueOtherThan(allowed: readonly JsonKind[]): fc.Arbitrary<string> {
  const permitted = new Set<JsonKind>(allowed.includes('number') ? [...allowed, 'integer'] : allowed);
  const kinds = (Object.keys(KIND_SAMPLES) as JsonKind[]).filter((kind) => !permitted.has(kind));
  return fc.oneof(...kinds.map((kind) => KIND_SAMPLES[kind]));
}

/**
 * The JSON text of an object from the JSON text of each field, in order; an undefined field is left
 * out. A key may be anything, `__proto__` included, which an object literal could not carry.
 */
export function renderObject(fields: Readonly<Record<string, string | undefined>>): string {
  const entries = Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return `{${entries.map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`;
}

// ---------------------------------------------------------------- prototype pollution

/**
 * What a successful pollution would plant on Object.prototype: every field a route reads, so that
 * a polluted process would accept an empty body afterwards (the canaries look for exactly that).
 */
export const POLLUTION_PAYLOAD = {
  polluted: true,
  title: 'polluted',
  links: { article: 'https://polluted.example/' },
  idEnvio: 'polluted',
  destinatarios: ['polluted@example.com'],
  nota: 'polluted',
  titulo: 'polluted',
  correo: 'polluted@example.com',
  users: ['polluted@example.com'],
  name: 'polluted',
  deliveryId: '0123456789abcdef0123456789abcdef',
  event: 'message_ack',
  type: 'status',
  status: 'read',
  clientPayload: 'polluted-delivery',
  messageId: 'polluted-message',
};

export const POLLUTION_MARKER = 'polluted';

const pollutionCarrier = fc.constantFrom(
  `{"__proto__":${JSON.stringify(POLLUTION_PAYLOAD)}}`,
  `{"constructor":{"prototype":${JSON.stringify(POLLUTION_PAYLOAD)}}}`,
  `{"prototype":${JSON.stringify(POLLUTION_PAYLOAD)}}`,
  `{"__proto__":{"__proto__":${JSON.stringify(POLLUTION_PAYLOAD)}}}`,
  `{"constructor":{"__proto__":${JSON.stringify(POLLUTION_PAYLOAD)}}}`,
);

/**
 * A body of the route (`valid`, JSON text of an object) carrying pollution keys: at its top level, in
 * one of its nested objects, or as the whole body. Each is JSON text, so the keys arrive as own keys.
 */
export function withPollution(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    pollutionCarrier,
    fc.tuple(valid, pollutionCarrier, fc.boolean()).map(([body, carrier, first]) => mergeTopLevel(body, carrier, first)),
    fc.tuple(valid, pollutionCarrier).map(([body, carrier]) => nestEverywhere(body, carrier)),
    fc.tuple(valid, pollutionCarrier).map(([body, carrier]) => `[${body},${carrier}]`),
  );
}

/** `{"a":1}` + `{"__proto__":…}` → `{"__proto__":…,"a":1}` and the other way round, as text. */
function mergeTopLevel(body: string, carrier: string, first: boolean): string {
  const inner = carrier.slice(1, -1);
  const rest = body.trim().slice(1, -1);
  return rest === '' ? carrier : first ? `{${inner},${rest}}` : `{${rest},${inner}}`;
}

/** Every `{` of the body (top level and nested objects) opens with the carrier's keys. */
function nestEverywhere(body: string, carrier: string): string {
  const inner = carrier.slice(1, -1);
  let inString = false;
  let escaped = false;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    out += char;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') out += body[i + 1] === '}' ? inner : `${inner},`;
  }
  return out;
}

// ---------------------------------------------------------------- size

export interface SizedBody {
  readonly size: number;
  readonly body: string;
}

/** Fillers of 1 to 4 UTF-8 bytes: the limit counts bytes, not characters. */
const FILLERS = ['a', 'é', '€', '😀', ' '];

/**
 * A body of exactly `size` UTF-8 bytes, made by `build` around a padding string (placed inside a JSON
 * string, so the filler needs no escaping).
 */
export function bodyOfSize(size: number, filler: string, build: (padding: string) => string): string {
  const base = Buffer.byteLength(build(''));
  const need = Math.max(0, size - base);
  const fillerBytes = Buffer.byteLength(filler);
  const padding = filler.repeat(Math.floor(need / fillerBytes)) + 'a'.repeat(need % fillerBytes);
  const body = build(padding);
  if (Buffer.byteLength(body) !== size) throw new Error(`could not build a body of ${size} bytes`);
  return body;
}

/** Bodies on both sides of the 1 MiB limit, and far past it. */
export function sizedBodies(build: (padding: string) => string): fc.Arbitrary<SizedBody> {
  return fc
    .record({
      size: fc.constantFrom(MAX_BODY_BYTES - 1, MAX_BODY_BYTES, MAX_BODY_BYTES + 1, MAX_BODY_BYTES + 3, 3 * MAX_BODY_BYTES),
      filler: fc.constantFrom(...FILLERS),
    })
    .map(({ size, filler }) => ({
      size,
      body: bodyOfSize(size, filler, build),
      [fc.toStringMethod]: () => `<${size} bytes of ${filler}>`,
    }));
}

// ---------------------------------------------------------------- headers, paths and queries

/** Content types a client may claim; the body is the same whatever the label. */
export const hostileContentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset="UTF-8"',
  'text/plain',
  'text/html; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'image/png',
  'application/*',
  '*/*',
  'nonsense',
  ';;;',
  'application/json; foo=bar; foo=baz',
  'application/merge-patch+json',
);

/** Charsets that no JSON decoder knows, on a JSON body. */
export const unknownCharsetContentType = fc.constantFrom(
  'application/json; charset=bogus',
  'application/json; charset=latin1',
  'text/plain; charset=x-unknown',
);

/** Content codings: unknown ones, and known ones whose bytes are not what they claim. */
export const hostileContentEncoding = fc.constantFrom(
  'compress',
  'x-foo',
  'zstd',
  'gzip, zstd',
  'gzip, x-foo',
  'identity, compress',
  'gzip',
  'deflate',
  'br',
);

/** A path segment that stays as written in a URL (no dot segments for the URL parser to fold away). */
function keptInPath(segment: string): boolean {
  const path = `/x/${segment}/y`;
  return new URL(`http://127.0.0.1${path}`).pathname === path;
}

const hexChar = fc.constantFrom(...'0123456789abcdefABCDEF');

/** What may sit where an id goes: wrong lengths, near-misses, encoded separators and NUL, inherited names, any text. */
export const hostilePathSegment = fc
  .oneof(
    fc.array(hexChar, { minLength: 1, maxLength: 40 }).map((chars) => chars.join('')),
    fc.array(hexChar, { minLength: 24, maxLength: 24 }).map((chars) => `${chars.join('')}%00`),
    fc.array(hexChar, { minLength: 24, maxLength: 24 }).map((chars) => `${chars.join('').slice(0, 23)}g`),
    wellFormedHostileString.filter((text) => text !== '').map((text) => encodeURIComponent(text)),
    fc.constantFrom(...INHERITED_NAMES),
    fc.constantFrom('%00', '%2F', '%2F..%2F..%2Fetc%2Fpasswd', '%5C', '%25', '%252F', '%20', '+'),
    fc.constant('a'.repeat(3_000)),
  )
  .filter((segment) => keptInPath(segment) && decodedSegment(segment) !== undefined);

/** Percent signs that start no valid escape, or escape bytes that are not UTF-8: a path parameter that cannot be decoded. */
export const MALFORMED_ESCAPES = [
  '%',
  '%Z',
  '%zz',
  '%E0%A4%A',
  '%u0041',
  '%C0%AF',
  '%ED%A0%80',
  '%FF',
  'abc%',
  '5792a7288ac8f35b0aa93be%',
] as const;

/** Whether an Express route parameter can be decoded from this segment at all. */
export function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** A query value as it may appear after `limit=`: edge numbers, other notations, other scripts, escapes. */
export const hostileQueryValue = fc.oneof(
  fc.constantFrom('', ' ', '0', '-1', '1001', '1e3', '0x10', '1.5', 'NaN', 'Infinity', '-0', '%D9%A1%D9%A2', '9'.repeat(400)),
  fc.constantFrom('__proto__', 'constructor', '%', '%ZZ', '%00', '+', '1%00', '1%20', '[]', '{}'),
  fc.integer({ min: -5, max: 2_000 }).map(String),
  wellFormedHostileString.map((text) => encodeURIComponent(text)),
);

/** A whole query string: the route's parameters and others, repeated, bracketed, polluting. */
export function hostileQuery(names: readonly string[]): fc.Arbitrary<string> {
  const name = fc.oneof(
    fc.constantFrom(...names),
    fc.constantFrom(...names).map((known) => `${known}[]`),
    fc.constantFrom(...names).map((known) => `${known}[__proto__]`),
    fc.constantFrom(...PROTOTYPE_KEYS),
    wellFormedHostileString.map((text) => encodeURIComponent(text)),
  );
  return fc
    .array(fc.tuple(name, hostileQueryValue), { maxLength: 5 })
    .map((pairs) => pairs.map(([key, value]) => `${key}=${value}`).join('&'));
}

// ---------------------------------------------------------------- helpers

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value parsed, or undefined when the text is not JSON. */
export function parsedJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- documented bodies, hostile content

/** A Meltwater mention's fields, for trees that reach past the first checks. */
export const MENTION_KEYS = [
  'id',
  'title',
  'text',
  'authorName',
  'statusLine',
  'url',
  'links',
  'article',
  'source',
  'documents',
  'content',
  'opening_text',
  'name',
  'enrichments',
  'sentiment',
  'document_title',
  'document_url',
];

/** An article link Meltwater could send, wrapped in its tracking redirect or not. */
export const articleLink = fc.constantFrom(
  'https://www.nacion.com/el-pais/salud/campana/',
  'https://crhoy.com/nacionales/nota/?utm_source=x',
  'https://t.notifications.meltwater.com/v2/x?m=webhook&u=https%253A%252F%252Fwww.nacion.com%252Fruta',
  'https://app.meltwater.com/mwTransition?url=https%3A%2F%2Fwww.teletica.com%2Fnota&uId=1',
);

/** An Every Mention object whose text fields are hostile but which still has a link (so it is a mention). */
export const hostileEveryMention = fc
  .record({
    id: fc.option(hostileString, { nil: undefined }),
    title: hostileString,
    text: hostileString,
    authorName: hostileString,
    statusLine: hostileString,
    source: hostileString,
    keywords: hostileString,
    article: articleLink,
  })
  .map(({ article, ...fields }) =>
    renderObject({
      ...Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value === undefined ? undefined : JSON.stringify(value)])),
      links: JSON.stringify({ article }),
    }),
  );

/** `whatsapp-informes` fields (docs/contracts/product.md §1.3). */
export const REPORT_KEYS = ['destinatarios', 'idEnvio', 'subject'];
/** `notificaciones-controles` entry fields (docs/contracts/product.md §1.4). */
export const ALERT_KEYS = ['nota', 'titulo', 'cliente', 'correo', 'onesignalDevices'];

const digits = (length: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: length, maxLength: length }).map((d) => d.join(''));
/** A Costa Rican WhatsApp id, as CVT's backend writes them. */
export const whatsappIdText = fc.tuple(fc.constantFrom(...'5678'), digits(7)).map(([first, rest]) => `506${first}${rest}@c.us`);

/** Report ids that are safe as storage keys (docs/contracts/product.md §1.3 `idEnvio`). */
export const safeReportId = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/u),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map(String),
);

/** A `destinatarios` value: WhatsApp ids, e-mail addresses, and whatever else a backend may put there. */
const destinatario = fc.oneof(
  { weight: 1, arbitrary: whatsappIdText.map((id) => JSON.stringify(id)) },
  { weight: 2, arbitrary: fc.constantFrom('"ana@example.com"', '"50688888888@c.u"', '"@c.us"', '"5068@c.us"') },
  { weight: 3, arbitrary: hostileJson() },
);

/** Whether a `destinatarios` value is read as a WhatsApp id (docs/contracts/product.md §1.3: `<digits>@c.us`, any case). */
const claimsWhatsApp = (value: unknown) => typeof value === 'string' && value.trim().toLowerCase().endsWith('@c.us');

/** A valid `whatsapp-informes` body whose other fields are hostile; `idEnvio` as text or a number. */
export function documentedReportBody(options: { whatsapp: boolean }): fc.Arbitrary<{ idEnvio: string; text: string }> {
  return fc
    .record({
      destinatarios: fc.array(options.whatsapp ? destinatario : destinatario.filter((text) => !claimsWhatsApp(JSON.parse(text))), {
        maxLength: 6,
      }),
      idEnvio: safeReportId,
      numeric: fc.boolean(),
      subject: fc.option(
        fc.oneof(
          hostileString.map((text) => JSON.stringify(text)),
          fc.constantFrom('null', '12', '-0'),
        ),
        {
          nil: undefined,
        },
      ),
      extra: fc.option(hostileJson(), { nil: undefined }),
    })
    .map(({ destinatarios, idEnvio, numeric, subject, extra }) => ({
      idEnvio,
      text: renderObject({
        destinatarios: `[${destinatarios.join(',')}]`,
        idEnvio:
          numeric && String(Number(idEnvio)) === idEnvio && Number.isSafeInteger(Number(idEnvio)) ? idEnvio : JSON.stringify(idEnvio),
        subject,
        // An extra field, named like something every object inherits.
        [INHERITED_NAMES[idEnvio.length % INHERITED_NAMES.length]!]: extra,
      }),
    }));
}

/** One valid `notificaciones-controles` entry with hostile text in every field. */
export const documentedAlertEntry = fc
  .record({
    nota: fc.oneof(
      hostileNonBlank.filter((text) => text.trim().length <= 128).map((text) => JSON.stringify(text)),
      fc.integer().map(String),
    ),
    titulo: hostileNonBlank.map((text) => JSON.stringify(text)),
    cliente: fc.option(
      fc.oneof(
        hostileString.map((text) => JSON.stringify(text)),
        fc.constantFrom('null', '42'),
      ),
      { nil: undefined },
    ),
    correo: fc.oneof(whatsappIdText, fc.constant('ana@example.com'), hostileNonBlank).map((text) => JSON.stringify(text)),
    onesignalDevices: fc.option(hostileJson(), { nil: undefined }),
  })
  .map((fields) => renderObject(fields));

/** An array of alerts with at least one valid entry among hostile ones. */
export const documentedAlertsBody = fc
  .tuple(fc.array(documentedAlertEntry, { minLength: 1, maxLength: 3 }), fc.array(hostileJson(ALERT_KEYS), { maxLength: 3 }))
  .map(([good, bad]) => `[${[...good, ...bad].join(',')}]`);

// ---------------------------------------------------------------- what the documents call valid

const SAFE_REPORT_ID = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/u;
const isText = (value: unknown, max: number): boolean =>
  typeof value === 'string' && value.trim().length >= 1 && value.trim().length <= max;
const isOptionalScalar = (value: unknown): boolean =>
  value === undefined || value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/** docs/contracts/product.md §1.3 read strictly: `destinatarios` a list, `idEnvio` a safe id (text or whole number), `subject` text if any. */
export function isDocumentedReportBody(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const { destinatarios, idEnvio, subject } = value;
  if (!Array.isArray(destinatarios) || destinatarios.length > 10_000) return false;
  const id =
    typeof idEnvio === 'string' ? idEnvio : Number.isSafeInteger(idEnvio) && (idEnvio as number) >= 0 ? String(idEnvio) : undefined;
  return id !== undefined && SAFE_REPORT_ID.test(id) && isOptionalScalar(subject);
}

/** docs/contracts/product.md §1.4 read strictly: one entry has a note id, a title and a `correo`. */
export function isDocumentedAlertEntry(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const { nota, titulo, cliente, correo } = value;
  const noteOk = isText(nota, 128) || Number.isSafeInteger(nota);
  return noteOk && isText(titulo, 2_000) && isText(correo, 320) && isOptionalScalar(cliente);
}

/** The body is a list with 1 to 10 000 entries, one of them at least valid. */
export function isDocumentedAlertsBody(value: unknown): boolean {
  return Array.isArray(value) && value.length >= 1 && value.length <= 10_000 && value.some(isDocumentedAlertEntry);
}
