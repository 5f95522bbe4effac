/**
 * SQS's limits, applied before a request so that the caller gets a clear error instead of AWS's.
 * Sources: docs/contracts/aws.md §3 (1 MiB since 4 Aug 2025) and the SQS API reference.
 */

/** Body plus message attributes (names, types and values), in bytes. */
export const MAX_MESSAGE_BYTES = 1_048_576;
/** ReceiveMessage's WaitTimeSeconds may not exceed 20. */
export const MAX_WAIT_SECONDS = 20;
/** VisibilityTimeout, on receive or ChangeMessageVisibility: 0 to 12 hours. */
export const MAX_VISIBILITY_SECONDS = 43_200;
/** SendMessageBatch and ReceiveMessage take at most 10 messages. */
export const MAX_BATCH = 10;

export interface StringAttribute {
  readonly DataType: 'String' | 'Number';
  readonly StringValue: string;
}

/** Whole seconds, rounded up (a wait or a hold never ends early), within SQS's bounds. */
export function secondsWithin(ms: number, maxSeconds: number): number {
  if (!Number.isFinite(ms) || ms <= 0) return 0;
  return Math.min(maxSeconds, Math.ceil(ms / 1_000));
}

export function messageBytes(body: string, attributes: Readonly<Record<string, StringAttribute>> = {}): number {
  let bytes = Buffer.byteLength(body, 'utf8');
  for (const [name, attribute] of Object.entries(attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(attribute.DataType) + Buffer.byteLength(attribute.StringValue);
  }
  return bytes;
}

/**
 * SQS refuses a body or attribute value with characters outside #x9 | #xA | #xD | #x20–#xD7FF |
 * #xE000–#xFFFD | #x10000–#x10FFFF (lone surrogates included); those become U+FFFD.
 */
export function sqsText(text: string): string {
  let clean = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    clean += allowed ? character : '\ufffd';
  }
  return clean;
}

/** The longest start of the text, whole characters, that fits in `maxBytes` of UTF-8, marked with … when cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const ellipsis = '\u2026';
  let budget = maxBytes - Buffer.byteLength(ellipsis);
  if (budget < 0) return '';
  let kept = '';
  for (const character of text) {
    const bytes = Buffer.byteLength(character);
    if (bytes > budget) break;
    kept += character;
    budget -= bytes;
  }
  return kept + ellipsis;
}
