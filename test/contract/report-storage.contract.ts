import { describe, expect, it } from 'vitest';
import type { ReportStorage } from '../../src/application/ports/report-storage.port.ts';

export interface ReportStorageHarness {
  create(): Promise<{ storage: ReportStorage; close(): Promise<void> }>;
}

/** What every ReportStorage adapter must do (src/application/ports/report-storage.port.ts). */
export function reportStorageContract(name: string, harness: ReportStorageHarness): void {
  describe(`ReportStorage contract: ${name}`, () => {
    const withStorage = (test: (storage: ReportStorage) => Promise<void>) => async () => {
      const { storage, close } = await harness.create();
      try {
        await test(storage);
      } finally {
        await close();
      }
    };

    it(
      'returns what was put, with its metadata',
      withStorage(async (storage) => {
        const html = '<!DOCTYPE html><html><body><p>Informe ñ — 🇨🇷</p></body></html>';
        await storage.put('informes/abc123.html', html, { fingerprint: 'f1', idEnvio: 'abc123' });
        expect(await storage.get('informes/abc123.html')).toEqual({ html, metadata: { fingerprint: 'f1', idEnvio: 'abc123' } });
        expect(await storage.head('informes/abc123.html')).toEqual({ fingerprint: 'f1', idEnvio: 'abc123' });
      }),
    );

    it(
      'says where a key is kept, whether or not it exists, so that a missing page can be looked for',
      withStorage(async (storage) => {
        expect(storage.locate('informes/rep-20261121-am.html')).toMatch(/informes\/rep-20261121-am\.html$/u);
        await storage.put('informes/rep-20261121-am.html', '<p>x</p>', {});
        expect(storage.locate('informes/rep-20261121-am.html')).toMatch(/informes\/rep-20261121-am\.html$/u);
      }),
    );

    it(
      'answers undefined for a missing key',
      withStorage(async (storage) => {
        expect(await storage.get('informesmw/6734a46da330314a4cd0c3da.html')).toBeUndefined();
        expect(await storage.head('informesmw/6734a46da330314a4cd0c3da.html')).toBeUndefined();
      }),
    );

    it(
      'replaces a page and its metadata on a second put',
      withStorage(async (storage) => {
        await storage.put('informesmw/d1.html', 'one', { fingerprint: 'a' });
        await storage.put('informesmw/d1.html', 'two', { fingerprint: 'b' });
        expect(await storage.get('informesmw/d1.html')).toEqual({ html: 'two', metadata: { fingerprint: 'b' } });
      }),
    );

    it(
      'keeps keys apart',
      withStorage(async (storage) => {
        await storage.put('informes/x.html', 'report', {});
        await storage.put('informesmw/x.html', 'newsletter', {});
        expect((await storage.get('informes/x.html'))?.html).toBe('report');
        expect((await storage.get('informesmw/x.html'))?.html).toBe('newsletter');
      }),
    );

    it(
      'reads a page that was stored without metadata (written by CVT\u2019s backend)',
      withStorage(async (storage) => {
        await storage.put('informes/raw.html', '<p>fuente</p>', {});
        expect(await storage.get('informes/raw.html')).toEqual({ html: '<p>fuente</p>', metadata: {} });
      }),
    );
  });
}
