import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isSafeReportId, newsletterKey, offlineReportKey, publicReportUrl } from '../../../src/domain/reports/report-keys.ts';

describe('report keys', () => {
  it('uses the S3 keys CVT already uses', () => {
    expect(offlineReportKey('abc123')).toBe('informes/abc123.html');
    expect(newsletterKey('6734a46da330314a4cd0c3da')).toBe('informesmw/6734a46da330314a4cd0c3da.html');
  });

  it('links on the public media domain, with or without a trailing slash', () => {
    expect(publicReportUrl('https://media.controles.co.cr', 'informes/abc123.html')).toBe(
      'https://media.controles.co.cr/informes/abc123.html',
    );
    expect(publicReportUrl('https://media.controles.co.cr/', 'informes/abc123.html')).toBe(
      'https://media.controles.co.cr/informes/abc123.html',
    );
  });
});

describe('isSafeReportId', () => {
  it.each(['abc123', '66f1c0ffee', 'informe_2025-01-15', 'v1.2', 'A'])('accepts %j', (id) => {
    expect(isSafeReportId(id)).toBe(true);
  });

  it.each(['', '..', '../secreto', 'a/b', 'a\\b', 'a..b', '.oculto', '-x', 'con espacio', ' abc', 'año', 'a'.repeat(129), 'a%2Fb'])(
    'refuses %j',
    (id) => {
      expect(isSafeReportId(id)).toBe(false);
    },
  );

  test.prop([fc.string({ unit: 'binary', maxLength: 140 })])('accepts only ids that stay inside their folder', (id) => {
    if (isSafeReportId(id)) {
      expect(id).toMatch(/^[A-Za-z0-9._-]+$/u);
      expect(id).not.toContain('..');
      expect(offlineReportKey(id).split('/')).toHaveLength(2);
    }
  });
});
