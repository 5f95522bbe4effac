import { createHmac } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { secretsMatch, signatureMatches } from '../../../src/entrypoints/shared/webhook-auth.ts';

const SECRET = 'a-hook-secret-of-32-characters!!';
const body = new TextEncoder().encode('{"request":{"hook_id":"h1"},"documents":[{"id":"1","title":"Café"}]}');
const hmac = (algorithm: 'sha1' | 'sha256', bytes: Uint8Array, secret = SECRET) =>
  createHmac(algorithm, secret).update(bytes).digest('hex');

describe('secretsMatch', () => {
  it('is true only for the same string', () => {
    expect(secretsMatch('token-0123456789abcdef', 'token-0123456789abcdef')).toBe(true);
    expect(secretsMatch('token-0123456789abcdeF', 'token-0123456789abcdef')).toBe(false);
    expect(secretsMatch('token', 'token-0123456789abcdef')).toBe(false);
    expect(secretsMatch('', 'token-0123456789abcdef')).toBe(false);
  });

  test.prop([fc.string(), fc.string()])('agrees with string equality', (a, b) => {
    expect(secretsMatch(a, b)).toBe(a === b);
    expect(secretsMatch(a, a)).toBe(true);
  });
});

describe('signatureMatches', () => {
  it('verifies Meltwater’s X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body>', () => {
    expect(signatureMatches(body, `sha1=${hmac('sha1', body)}`, SECRET)).toBe(true);
  });

  it('verifies sha256= signatures too, and tolerates upper-case hex and surrounding spaces', () => {
    expect(signatureMatches(body, `sha256=${hmac('sha256', body)}`, SECRET)).toBe(true);
    expect(signatureMatches(body, ` sha1=${hmac('sha1', body).toUpperCase()} `, SECRET)).toBe(true);
  });

  it('refuses a tampered body', () => {
    const tampered = new TextEncoder().encode('{"request":{"hook_id":"h1"},"documents":[{"id":"2","title":"Café"}]}');
    expect(signatureMatches(tampered, `sha1=${hmac('sha1', body)}`, SECRET)).toBe(false);
  });

  it('checks the raw bytes, not a re-serialised JSON', () => {
    const spaced = new TextEncoder().encode('{ "a": 1 }');
    expect(signatureMatches(new TextEncoder().encode('{"a":1}'), `sha1=${hmac('sha1', spaced)}`, SECRET)).toBe(false);
  });

  it.each([
    ['another secret', `sha1=${createHmac('sha1', 'another-secret-0123456789').update(body).digest('hex')}`],
    ['no prefix', hmac('sha1', body)],
    ['a wrong prefix', `md5=${hmac('sha1', body)}`],
    ['a colon', `sha1:${hmac('sha1', body)}`],
    ['the wrong algorithm', `sha256=${hmac('sha1', body)}`],
    ['non-hex characters', `sha1=${hmac('sha1', body).slice(0, -1)}z`],
    ['a truncated digest', `sha1=${hmac('sha1', body).slice(0, 20)}`],
    ['an empty digest', 'sha1='],
    ['nothing', ''],
  ])('refuses %s', (_, header) => {
    expect(signatureMatches(body, header, SECRET)).toBe(false);
  });

  test.prop([fc.uint8Array({ maxLength: 500 }), fc.constantFrom('sha1' as const, 'sha256' as const), fc.nat({ max: 499 })])(
    'accepts the right signature of any body and refuses it once a byte changes',
    (bytes, algorithm, position) => {
      const header = `${algorithm}=${hmac(algorithm, bytes)}`;
      expect(signatureMatches(bytes, header, SECRET)).toBe(true);
      fc.pre(bytes.length > 0);
      const changed = Uint8Array.from(bytes);
      const index = position % bytes.length;
      changed[index] = changed[index]! ^ 0xff;
      expect(signatureMatches(changed, header, SECRET)).toBe(false);
    },
  );

  test.prop([fc.string()])('never throws for any header', (header) => {
    expect(typeof signatureMatches(body, header, SECRET)).toBe('boolean');
  });
});
