import { createHash } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { sha256Hex } from '../../../src/domain/shared/sha256.ts';

describe('sha256Hex', () => {
  test.prop([fc.string({ unit: 'binary', maxLength: 300 })])('equals node:crypto for any text', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  test('hashes the empty string and a multi-block input', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const long = 'ñ'.repeat(1000);
    expect(sha256Hex(long)).toBe(createHash('sha256').update(long).digest('hex'));
  });

  test.prop([fc.array(fc.string({ unit: 'binary', maxLength: 3000 }), { minLength: 2, maxLength: 6 })])(
    'gives each input its own hash when long and short inputs follow one another',
    (texts) => {
      for (const text of texts) expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    },
  );
});
