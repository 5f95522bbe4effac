import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { LogSanitizer } from '../../../../src/adapters/json-log/log-sanitizer.ts';
import { crPhone } from '../../../support/arbitraries/phone.arb.ts';

const ADMIN_TOKEN = 'adm-0123456789abcdef';
const HOOK_SECRET = 'hook-secret-ABCDEFGHIJ';
const sanitizer = new LogSanitizer([ADMIN_TOKEN, HOOK_SECRET, 'tiny']);

describe('LogSanitizer.text', () => {
  it('masks phone numbers', () => {
    expect(sanitizer.text('sent to +50688881234 and 50677774321@c.us')).toBe('sent to +506****1234 and 506****4321@c.us');
  });

  it('masks a rejected 22-digit "number" and keeps report ids searchable in the same line', () => {
    const line = sanitizer.value({ idEnvio: 'rep-20261121-am', rejected: [{ value: '1234567890123456789012@c.us', reason: 'too long' }] });
    expect(line).toEqual({ idEnvio: 'rep-20261121-am', rejected: [{ value: '123****9012@c.us', reason: 'too long' }] });
  });

  it('redacts known secret values wherever they appear', () => {
    expect(sanitizer.text(`GET /api/mw/whatsapp/x?token=${ADMIN_TOKEN}&s=${HOOK_SECRET}`)).toBe(
      'GET /api/mw/whatsapp/x?token=[REDACTED]&s=[REDACTED]',
    );
  });

  it('does not treat very short values as secrets, which would shred every line', () => {
    expect(sanitizer.text('a tiny change')).toBe('a tiny change');
  });

  it('redacts a secret that a long text cuts through', () => {
    const text = `${'x'.repeat(3_990)}${ADMIN_TOKEN}`;
    const cleaned = sanitizer.text(text);
    expect(cleaned).not.toContain(ADMIN_TOKEN.slice(0, 10));
    expect(cleaned.length).toBeLessThanOrEqual(4_001);
  });

  it('masks a number that a long text cuts through', () => {
    const cleaned = sanitizer.text(`${'x'.repeat(3_994)} 88881234`);
    expect(cleaned).not.toContain('888812');
  });

  test.prop([crPhone, fc.string({ maxLength: 40 }), fc.constantFrom(ADMIN_TOKEN, HOOK_SECRET), fc.string({ maxLength: 40 })])(
    'leaves neither numbers nor secrets in clear',
    ({ national }, before, secret, after) => {
      const cleaned = sanitizer.text(`${before} 506${national} ${secret}${after}`);
      expect(cleaned).not.toContain(national);
      expect(cleaned).not.toContain(secret);
    },
  );
});

describe('LogSanitizer.value', () => {
  it('masks phones and redacts secrets in nested fields', () => {
    expect(sanitizer.value({ delivery: { to: '+50688881234', notes: [`token ${ADMIN_TOKEN}`, { chatId: '50688881234@c.us' }] } })).toEqual({
      delivery: { to: '+506****1234', notes: ['token [REDACTED]', { chatId: '506****1234@c.us' }] },
    });
  });

  it.each(['token', 'accessToken', 'password', 'authorization', 'Authorization', 'apikey', 'api_key', 'x-api-key', 'hookSecret', 'cookie'])(
    'redacts a field named %s',
    (key) => {
      expect(sanitizer.value({ [key]: 'whatever-value', other: 'kept' })).toEqual({ [key]: '[REDACTED]', other: 'kept' });
    },
  );

  it('masks numbers used as keys', () => {
    expect(sanitizer.value({ '+50688881234': 'sent' })).toEqual({ '+506****1234': 'sent' });
  });

  it('reduces errors to name, message and cause, cleaned', () => {
    const cause = new Error(`connect refused for ${ADMIN_TOKEN}`);
    const error = Object.assign(new TypeError('failed sending to +50688881234', { cause }), {
      config: { headers: { Authorization: 'Bearer x' } },
      code: 'ECONNREFUSED',
    });
    const cleaned = sanitizer.value(error) as Record<string, unknown>;
    expect(cleaned).toMatchObject({
      name: 'TypeError',
      message: 'failed sending to +506****1234',
      code: 'ECONNREFUSED',
      cause: { name: 'Error', message: 'connect refused for [REDACTED]' },
    });
    expect(Object.keys(cleaned).sort()).toEqual(['cause', 'code', 'message', 'name', 'stack']);
    expect(JSON.stringify(cleaned)).not.toContain('Bearer');
    expect(JSON.stringify(cleaned)).not.toContain('88881234');
  });

  it('writes dates as ISO text, big integers as text, and keeps other scalars', () => {
    expect(sanitizer.value({ at: new Date('2025-01-15T14:00:00.000Z'), n: 10n, ok: true, none: null, count: 3 })).toEqual({
      at: '2025-01-15T14:00:00.000Z',
      n: '10',
      ok: true,
      none: null,
      count: 3,
    });
  });

  it('survives circular structures', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop['self'] = loop;
    expect(() => JSON.stringify(sanitizer.value(loop))).not.toThrow();
  });

  test.prop([fc.jsonValue({ maxDepth: 4 }), crPhone])('hides a number wherever it is nested', (value, { national }) => {
    const cleaned = JSON.stringify(sanitizer.value({ payload: value, nested: [{ to: `+506 ${national}` }] }));
    expect(cleaned).not.toContain(national);
  });
});
