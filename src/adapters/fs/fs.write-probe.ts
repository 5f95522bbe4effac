import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadinessCheck, ReadinessProbe } from '../../application/ports/readiness.port.ts';

/** Enough to need new blocks on the disk, small enough to write on every /readyz. */
const PROBE_BYTES = 64 * 1024;
const WRITE_PROBE_FILE = '.write-probe';

/**
 * `store-write`: whether the folder of the embedded database and report files takes writes. Reading
 * works on a full disk, and the database keeps answering queries; only a write tells (the webhook
 * answered 500 while /readyz said ready). The probe file is rewritten in place, never left growing.
 */
export class FolderWriteProbe implements ReadinessProbe {
  readonly name = 'store-write';
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  async check(): Promise<ReadinessCheck> {
    try {
      await mkdir(this.#dir, { recursive: true });
      const file = await open(join(this.#dir, WRITE_PROBE_FILE), 'w');
      try {
        await file.write(Buffer.alloc(PROBE_BYTES));
        await file.sync();
      } finally {
        await file.close();
      }
      return { ok: true, detail: 'writable' };
    } catch (error) {
      const code = (error as { code?: string }).code;
      const why =
        code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' || code === 'EACCES' ? 'the folder is read-only' : 'a write failed';
      return { ok: false, detail: `${why} (${code ?? (error instanceof Error ? error.message : String(error))}) in DATA_DIR` };
    }
  }
}
