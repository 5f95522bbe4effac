import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { ReportMetadata, ReportStorage, StoredReport } from '../../application/ports/report-storage.port.ts';

const SAFE_KEY = /^[a-z0-9-]+\/[A-Za-z0-9][A-Za-z0-9._-]*\.html$/u;

/**
 * Report pages as files under `{DATA_DIR}/reports`, keyed exactly like the S3 bucket. Metadata lives
 * beside them in `.metadata/`, which the server never serves.
 */
export class FsReportStorage implements ReportStorage {
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
  }

  async get(key: string): Promise<StoredReport | undefined> {
    const html = await readIfExists(this.#pagePath(key));
    if (html === undefined) return undefined;
    return { html, metadata: (await this.head(key)) ?? {} };
  }

  async head(key: string): Promise<ReportMetadata | undefined> {
    const page = this.#pagePath(key);
    const metadata = await readIfExists(this.#metadataPath(key));
    if (metadata !== undefined) return JSON.parse(metadata) as ReportMetadata;
    return (await readIfExists(page)) === undefined ? undefined : {};
  }

  async put(key: string, html: string, metadata: ReportMetadata): Promise<void> {
    // The page first: if the process dies before the metadata is written, the next run sees an
    // outdated fingerprint and rewrites the page, never the other way round.
    await writeAtomically(this.#pagePath(key), html);
    await writeAtomically(this.#metadataPath(key), JSON.stringify(metadata));
  }

  locate(key: string): string {
    return this.#pagePath(key);
  }

  #pagePath(key: string): string {
    return this.#within(key);
  }

  #metadataPath(key: string): string {
    return this.#within(`.metadata/${key}.json`, key);
  }

  #within(relative: string, key = relative): string {
    if (!SAFE_KEY.test(key)) throw new Error(`invalid report key: ${JSON.stringify(key)}`);
    const path = resolve(join(this.#root, relative));
    if (!path.startsWith(this.#root + sep)) throw new Error(`report key outside the report folder: ${JSON.stringify(key)}`);
    return path;
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeAtomically(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, content, 'utf8');
  await rename(temporary, path);
}
