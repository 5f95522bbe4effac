import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { idempotencyKey } from '../../../../src/adapters/onesignal/onesignal.idempotency.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

describe('idempotencyKey', () => {
  it('writes a delivery id (32 hex digits) as a v4 UUID, keeping its digits but the version and variant', () => {
    expect(idempotencyKey('0123456789abcdef0123456789abcdef')).toBe('01234567-89ab-4def-8123-456789abcdef');
    expect(idempotencyKey('FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF')).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('hashes any other id', () => {
    expect(idempotencyKey('d1')).toMatch(UUID_V4);
    expect(idempotencyKey('d1')).not.toBe(idempotencyKey('d2'));
  });

  test.prop([fc.string()])('always gives the same v4 UUID for the same id', (id) => {
    expect(idempotencyKey(id)).toMatch(UUID_V4);
    expect(idempotencyKey(id)).toBe(idempotencyKey(id));
  });

  test.prop([fc.stringMatching(/^[0-9a-f]{32}$/u)])('keeps an existing v4 UUID as it is', (hex) => {
    const uuid = idempotencyKey(hex);
    expect(idempotencyKey(uuid)).toBe(uuid);
  });
});
