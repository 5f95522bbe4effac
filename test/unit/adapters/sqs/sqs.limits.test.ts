import { describe, expect, it } from 'vitest';
import { messageBytes, secondsWithin, sqsText, truncateUtf8 } from '../../../../src/adapters/sqs/sqs.limits.ts';

describe('SQS limits', () => {
  it('rounds milliseconds up to whole seconds, within bounds', () => {
    expect([0, -5, Number.NaN, 1, 999, 1_000, 1_001, 25_000].map((ms) => secondsWithin(ms, 20))).toEqual([0, 0, 0, 1, 1, 1, 2, 20]);
    expect(secondsWithin(13 * 3_600_000, 43_200)).toBe(43_200);
  });

  it('counts UTF-8 bytes of the body and of every attribute name, type and value', () => {
    expect(messageBytes('ñ')).toBe(2);
    expect(messageBytes('ab', { 'cvt-x': { DataType: 'String', StringValue: 'ñ' } })).toBe(2 + 5 + 6 + 2);
  });

  it('replaces the characters SQS refuses', () => {
    expect(sqsText('a\u0000b\u0007c\td\ne\rf\ufffeg\ud800h😀')).toBe('a\ufffdb\ufffdc\td\ne\rf\ufffdg\ufffdh😀');
  });

  it('cuts text to a byte budget on whole characters, marking the cut', () => {
    expect(truncateUtf8('hola', 4)).toBe('hola');
    expect(truncateUtf8('hola mundo', 7)).toBe('hola\u2026');
    expect(truncateUtf8('😀😀😀', 8)).toBe('😀\u2026');
    expect(Buffer.byteLength(truncateUtf8('ñ'.repeat(600), 1_024))).toBeLessThanOrEqual(1_024);
    expect(truncateUtf8('abc', 2)).toBe('');
  });
});
