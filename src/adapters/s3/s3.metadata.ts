import type { ReportMetadata } from '../../application/ports/report-storage.port.ts';

/**
 * The port's metadata keys are camelCase (`idEnvio`, `distributionId`); S3 user metadata keys travel as
 * `x-amz-meta-*` headers and come back lower-cased, so `idEnvio` is stored as `id-envio` and mapped back.
 */
const PORT_KEY = /^[a-z][A-Za-z0-9]*$/u;

/** S3 limits user-defined metadata to 2 KB: the bytes of every key and value together. */
const MAX_METADATA_BYTES = 2_048;

/**
 * Header values must be printable ASCII and lose surrounding spaces, so any other value travels as an
 * RFC 2047 encoded word — the form S3 itself uses when it returns non-ASCII metadata.
 */
const PLAIN_VALUE = /^(?!=\?)[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/u;
const ENCODED_WORD = /^=\?UTF-8\?B\?([A-Za-z0-9+/]*={0,2})\?=$/iu;

export function toS3Metadata(metadata: ReportMetadata): Record<string, string> {
  const stored: Record<string, string> = {};
  let bytes = 0;
  for (const [key, value] of Object.entries(metadata)) {
    if (!PORT_KEY.test(key)) throw new Error(`invalid report metadata key: ${JSON.stringify(key)} (letters and digits, camelCase)`);
    const s3Key = key.replace(/[A-Z]/gu, (upper) => `-${upper.toLowerCase()}`);
    const s3Value = PLAIN_VALUE.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
    stored[s3Key] = s3Value;
    bytes += Buffer.byteLength(s3Key) + Buffer.byteLength(s3Value);
  }
  if (bytes > MAX_METADATA_BYTES) throw new Error(`report metadata is ${bytes} bytes; S3 accepts at most ${MAX_METADATA_BYTES}`);
  return stored;
}

export function fromS3Metadata(stored: Readonly<Record<string, string>> | undefined): ReportMetadata {
  const metadata: Record<string, string> = {};
  for (const [s3Key, s3Value] of Object.entries(stored ?? {})) {
    const key = s3Key.toLowerCase().replace(/-([a-z])/gu, (_, letter: string) => letter.toUpperCase());
    const encoded = ENCODED_WORD.exec(s3Value);
    metadata[key] = encoded === null ? s3Value : Buffer.from(encoded[1]!, 'base64').toString('utf8');
  }
  return metadata;
}
