export type ReportMetadata = Readonly<Record<string, string>>;

export interface StoredReport {
  readonly html: string;
  readonly metadata: ReportMetadata;
}

/**
 * Report pages by key (`informes/{idEnvio}.html`, `informesmw/{distributionId}.html`): an S3 bucket in
 * AWS, files under `DATA_DIR/reports` otherwise. Keys are the same in both, and are what links point to.
 */
export interface ReportStorage {
  get(key: string): Promise<StoredReport | undefined>;
  /** Metadata only; undefined when the key does not exist. */
  head(key: string): Promise<ReportMetadata | undefined>;
  /** Writes the page so that a reader sees either the old or the new version, never a partial one. */
  put(key: string, html: string, metadata: ReportMetadata): Promise<void>;
  /** Where the page of `key` is kept, for people: a file path, an `s3://bucket/key` address. */
  locate(key: string): string;
}
