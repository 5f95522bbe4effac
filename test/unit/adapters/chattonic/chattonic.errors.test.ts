import { describe, expect, it } from 'vitest';
import { classifyChattonicAnswer } from '../../../../src/adapters/chattonic/chattonic.errors.ts';

const answer = (status: number, body: unknown, extra: { contentType?: string; retryAfterMs?: number; location?: string } = {}) =>
  classifyChattonicAnswer(
    {
      status,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      contentType: extra.contentType ?? 'application/json',
      retryAfterMs: extra.retryAfterMs,
      location: extra.location,
    },
    'sendhsm',
  );

describe('classifying Chat-Tonic\u2019s answers (undocumented: by status, defensively)', () => {
  it('takes a 2xx, reading an id wherever a JSON API usually puts one', () => {
    expect(answer(200, {})).toEqual({ ok: true, value: null });
    expect(answer(204, '')).toEqual({ ok: true, value: null });
    expect(answer(200, { id: 'm1' })).toEqual({ ok: true, value: 'm1' });
    expect(answer(201, { messageId: 'm2' })).toEqual({ ok: true, value: 'm2' });
    expect(answer(200, { _id: '5f1e' })).toEqual({ ok: true, value: '5f1e' });
    expect(answer(200, { id: 42 })).toEqual({ ok: true, value: '42' });
    expect(answer(200, { data: { _id: 'nested' } })).toEqual({ ok: true, value: 'nested' });
    expect(answer(200, { id: '' })).toEqual({ ok: true, value: null });
  });

  it('does not count a 2xx that says it failed, or an HTML page, as sent', () => {
    expect(answer(200, { success: false, message: 'HSM not found' })).toEqual({
      ok: false,
      error: { kind: 'rejected', retryable: false, message: 'Chat-Tonic sendhsm answered HTTP 200: HSM not found' },
    });
    expect(answer(200, { status: 'error', error: { message: 'invalid number' } })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('invalid number') },
    });
    expect(answer(200, { errors: ['bad'] })).toMatchObject({ ok: false });
    expect(answer(200, '<!doctype html><html>Chat-Tonic</html>', { contentType: 'text/html; charset=utf-8' })).toEqual({
      ok: false,
      error: {
        kind: 'rejected',
        retryable: false,
        message: 'Chat-Tonic sendhsm answered HTTP 200 with an HTML page, not the API (check CHATTONIC_BASE_URL)',
      },
    });
  });

  it.each([
    [401, 'unauthorized', false],
    [403, 'unauthorized', false],
    [400, 'rejected', false],
    [404, 'rejected', false],
    [422, 'rejected', false],
    [408, 'timeout', true],
    [500, 'unavailable', true],
    [502, 'unavailable', true],
    [503, 'unavailable', true],
  ] as const)('classifies HTTP %i as %s', (status, kind, retryable) => {
    expect(answer(status, { message: 'something' })).toMatchObject({
      ok: false,
      error: {
        kind,
        retryable,
        message: `Chat-Tonic sendhsm answered HTTP ${status}: something${status === 401 || status === 403 ? ' (check CHATTONIC_TOKEN)' : status === 404 ? ' (check CHATTONIC_BASE_URL, CHATTONIC_APP_CODENAME, CHATTONIC_PLATFORM and CHATTONIC_ACCOUNT_ID)' : ''}`,
      },
    });
  });

  it('waits as long as a 429 asks, or a second', () => {
    expect(answer(429, { message: 'slow down' }, { retryAfterMs: 3_000 })).toEqual({
      ok: false,
      error: { kind: 'rate_limited', retryable: true, retryAfterMs: 3_000, message: 'Chat-Tonic sendhsm answered HTTP 429: slow down' },
    });
    expect(answer(429, '')).toMatchObject({ error: { retryAfterMs: 1_000 } });
  });

  it('says where a redirect points and does not follow it', () => {
    expect(answer(308, '', { location: 'https://api.chat-tonic.com/v1/x' })).toMatchObject({
      ok: false,
      error: {
        kind: 'rejected',
        message: 'Chat-Tonic sendhsm redirected (HTTP 308) to https://api.chat-tonic.com/v1/x: set CHATTONIC_BASE_URL to the new address',
      },
    });
  });

  it('quotes what the provider said, whatever the shape', () => {
    expect(answer(400, { errors: [{ message: 'id is required' }, 'hsm is required'] })).toMatchObject({
      error: { message: 'Chat-Tonic sendhsm answered HTTP 400: id is required: hsm is required' },
    });
    expect(answer(400, 'Bad Request')).toMatchObject({ error: { message: 'Chat-Tonic sendhsm answered HTTP 400: Bad Request' } });
    expect(answer(400, 'x'.repeat(1_000))).toMatchObject({ error: { message: expect.stringMatching(/x…$/u) } });
  });
});
