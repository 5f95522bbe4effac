import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ReadinessCheck, ReadinessProbe } from '../../application/ports/readiness.port.ts';
import type { ReportMetadata, ReportStorage, StoredReport } from '../../application/ports/report-storage.port.ts';
import type { S3Config } from './s3.config.ts';
import { fromS3Metadata, toS3Metadata } from './s3.metadata.ts';

/** What browsers and the CDN get for every page: the server serves the embedded copies the same way. */
const CONTENT_TYPE = 'text/html; charset=utf-8';

/**
 * Report pages in an S3 bucket, at the keys the links point to (`informes/…`, `informesmw/…`, and the
 * sources under `informes-fuente/…`), exactly as given. A PUT replaces an object atomically, which is the
 * port's "old or new, never partial".
 *
 * No ACL is ever sent: buckets created since April 2023 enforce "bucket owner" ownership and refuse ACLs,
 * so who may read the pages is the bucket policy's or the CDN's business.
 */
export class S3ReportStorage implements ReportStorage, ReadinessProbe {
  readonly name = 's3';
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(client: S3Client, bucket: string) {
    this.#client = client;
    this.#bucket = bucket;
  }

  async get(key: string): Promise<StoredReport | undefined> {
    const command = new GetObjectCommand({ Bucket: this.#bucket, Key: checkedKey(key) });
    const object = await this.#call('GetObject', key, () => this.#client.send(command));
    if (object === undefined) return undefined;
    const html = (await object.Body?.transformToString('utf-8')) ?? '';
    return { html, metadata: fromS3Metadata(object.Metadata) };
  }

  async head(key: string): Promise<ReportMetadata | undefined> {
    const command = new HeadObjectCommand({ Bucket: this.#bucket, Key: checkedKey(key) });
    const object = await this.#call('HeadObject', key, () => this.#client.send(command));
    return object === undefined ? undefined : fromS3Metadata(object.Metadata);
  }

  locate(key: string): string {
    return `s3://${this.#bucket}/${checkedKey(key)}`;
  }

  async put(key: string, html: string, metadata: ReportMetadata): Promise<void> {
    const command = new PutObjectCommand({
      Bucket: this.#bucket,
      Key: checkedKey(key),
      // A string, not a stream: with the SDK's default checksums (since 3.729) a stream goes out
      // aws-chunked with a trailer, which S3-compatible servers may store verbatim (docs/contracts/aws.md §6).
      Body: html,
      ContentType: CONTENT_TYPE,
      // A page is replaced in place when its news change; a cached copy must be checked first.
      CacheControl: 'no-cache',
      Metadata: toS3Metadata(metadata),
    });
    await this.#call('PutObject', key, () => this.#client.send(command), { missingIsError: true });
  }

  /** Readiness: the bucket exists and these credentials may use it. Never throws. */
  async check(): Promise<ReadinessCheck> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }));
      return { ok: true, detail: `bucket ${this.#bucket} reachable` };
    } catch (error) {
      return { ok: false, detail: `bucket ${this.#bucket}: ${describeError(error)}` };
    }
  }

  /** Closes the client's sockets; the storage is unusable afterwards. */
  close(): void {
    this.#client.destroy();
  }

  /**
   * A missing key is an answer (undefined); anything else — no network, throttling after the SDK's own
   * retries, access denied — is an outage the caller retries, thrown with the SDK error as `cause`.
   */
  async #call<T>(
    operation: string,
    key: string,
    run: () => Promise<T>,
    options: { missingIsError?: boolean } = {},
  ): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      if (options.missingIsError !== true && isMissing(error)) return undefined;
      throw new Error(`S3 ${operation} of s3://${this.#bucket}/${key} failed: ${describeError(error)}`, { cause: error });
    }
  }
}

/** Builds the client from the settings; credentials come from the default provider chain. */
export function createS3ReportStorage(settings: S3Config): S3ReportStorage {
  const compatible = settings.S3_ENDPOINT !== undefined;
  const client = new S3Client({
    region: settings.AWS_REGION,
    ...(compatible
      ? {
          endpoint: settings.S3_ENDPOINT,
          // S3-compatible servers rarely have per-bucket host names.
          forcePathStyle: true,
          // Many S3-compatible servers reject or mishandle the flexible checksums the SDK sends by
          // default since 3.729 (aws/aws-sdk-js-v3#6810); AWS S3 keeps the default.
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
    // Without a timeout a stalled connection would hang the job that waits for the page.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
  });
  return new S3ReportStorage(client, settings.S3_BUCKET);
}

function checkedKey(key: string): string {
  // Keys are taken verbatim; these would only ever be mistakes (an empty id, a path typed with a slash).
  if (
    key === '' ||
    key.startsWith('/') ||
    key.split('/').some((part) => part === '' || part === '.' || part === '..') ||
    Buffer.byteLength(key) > 1_024
  ) {
    throw new Error(`invalid report key: ${JSON.stringify(key)}`);
  }
  return key;
}

/**
 * GetObject answers NoSuchKey; HeadObject has no body, so only NotFound / 404. A missing bucket is a
 * misconfiguration, not a missing page. (Without s3:ListBucket, AWS answers 403 for a missing key: an
 * error here, as it should be — the role needs that permission.)
 */
function isMissing(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (name === 'NoSuchBucket') return false;
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
}

/** The SDK error's name and message: AWS never echoes the secret key, and we add nothing of the request. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return `${error.name}${status === undefined ? '' : ` (HTTP ${status})`}: ${error.message}`;
}
