import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fromS3Metadata, toS3Metadata } from '../../../../src/adapters/s3/s3.metadata.ts';

describe('S3 user metadata', () => {
  it('stores camelCase keys as lower-case words, which S3 keeps, and maps them back', () => {
    const stored = toS3Metadata({ idEnvio: 'abc123', distributionId: 'd1', fingerprint: 'f1', items: '3' });
    expect(stored).toEqual({ 'id-envio': 'abc123', 'distribution-id': 'd1', fingerprint: 'f1', items: '3' });
    expect(fromS3Metadata(stored)).toEqual({ idEnvio: 'abc123', distributionId: 'd1', fingerprint: 'f1', items: '3' });
  });

  it('encodes values a header cannot carry as RFC 2047 words, as S3 returns non-ASCII metadata', () => {
    const stored = toS3Metadata({ subject: 'Informe ñ', padded: ' x ', empty: '', lookalike: '=?UTF-8?B?eA==?=' });
    expect(stored['subject']).toBe(`=?UTF-8?B?${Buffer.from('Informe ñ').toString('base64')}?=`);
    expect(fromS3Metadata(stored)).toEqual({ subject: 'Informe ñ', padded: ' x ', empty: '', lookalike: '=?UTF-8?B?eA==?=' });
  });

  it('reads metadata written by other tools, whatever the case of its keys', () => {
    expect(fromS3Metadata({ 'ID-ENVIO': 'x', 'content-sha': 'y' })).toEqual({ idEnvio: 'x', contentSha: 'y' });
    expect(fromS3Metadata(undefined)).toEqual({});
  });

  it('refuses keys it could not map back, and metadata over S3\u2019s 2 KB', () => {
    for (const key of ['id-envio', 'IdEnvio', 'id envio', 'ñ', ''])
      expect(() => toS3Metadata({ [key]: 'x' })).toThrow(/invalid report metadata key/u);
    expect(() => toS3Metadata({ big: 'x'.repeat(2_046) })).toThrow(/S3 accepts at most 2048/u);
  });

  test.prop([
    fc.dictionary(fc.stringMatching(/^[a-z][A-Za-z0-9]{0,15}$/u), fc.string({ unit: 'grapheme', maxLength: 20 }), { maxKeys: 5 }),
  ])('round-trips any camelCase key and any value', (metadata) => {
    expect(fromS3Metadata(toS3Metadata(metadata))).toEqual(metadata);
  });
});
