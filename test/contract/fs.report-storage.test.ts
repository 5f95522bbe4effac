import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsReportStorage } from '../../src/adapters/fs/fs.report-storage.adapter.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { reportStorageContract } from './report-storage.contract.ts';

const tempDir = useTempDirs();

reportStorageContract('fs', {
  async create() {
    return { storage: new FsReportStorage(tempDir()), close: async () => undefined };
  },
});

describe('FsReportStorage', () => {
  it('keeps pages at DATA_DIR/reports/<key>, exactly like the S3 keys', async () => {
    const root = tempDir();
    await new FsReportStorage(root).put('informes/abc123.html', '<p>x</p>', {});
    expect(readFileSync(join(root, 'informes/abc123.html'), 'utf8')).toBe('<p>x</p>');
  });

  it('reads a page CVT\u2019s backend wrote directly to the folder', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'informes'));
    writeFileSync(join(root, 'informes/from-cvt.html'), '<p>fuente</p>');
    expect(await new FsReportStorage(root).get('informes/from-cvt.html')).toEqual({ html: '<p>fuente</p>', metadata: {} });
  });

  it('refuses keys that could leave the report folder', async () => {
    const root = tempDir();
    const storage = new FsReportStorage(root);
    for (const key of ['../secrets.json', 'informes/../../x.html', '/etc/passwd', 'informes/a/b.html', 'informes/.hidden.html']) {
      await expect(storage.put(key, 'x', {})).rejects.toThrow(/invalid report key/);
      await expect(storage.get(key)).rejects.toThrow(/invalid report key/);
    }
    expect(existsSync(join(root, '..', 'secrets.json'))).toBe(false);
  });
});
