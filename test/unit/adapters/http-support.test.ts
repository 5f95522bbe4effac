import { afterEach, describe, expect, it } from 'vitest';
import { sendFailure } from '../../../src/domain/deliveries/send-failure.ts';
import { excerpt, looksLikeHtml, oneLine, plainBody } from '../../../src/adapters/http-support/excerpt.ts';
import { firstHeader, httpCall, MAX_BODY_BYTES } from '../../../src/adapters/http-support/http-call.ts';
import { asRecord, asString, isRecord, parseJson } from '../../../src/adapters/http-support/json-value.ts';
import { readCapped } from '../../../src/adapters/http-support/read-capped.ts';
import { redact, redactFailure } from '../../../src/adapters/http-support/redact.ts';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from '../../../src/adapters/http-support/retry-after.ts';
import { safeText } from '../../../src/adapters/http-support/safe-text.ts';
import { sameSecret } from '../../../src/adapters/http-support/same-secret.ts';
import { startLoopbackServer, type LoopbackServer } from '../../support/loopback-server.ts';
import { closedPortUrl } from '../../support/scripted-server.ts';

const NOW = Date.parse('2026-11-23T14:00:00Z');

describe('retryAfterMs', () => {
  it('reads delta-seconds, trimmed, from the first of repeated headers', () => {
    expect(retryAfterMs('7', NOW)).toBe(7_000);
    expect(retryAfterMs(' 0 ', NOW)).toBe(0);
    expect(retryAfterMs(['3', '60'], NOW)).toBe(3_000);
  });

  it('reads an HTTP date as the time left until then, and a date gone by as no wait', () => {
    expect(retryAfterMs('Mon, 23 Nov 2026 14:00:30 GMT', NOW)).toBe(30_000);
    expect(retryAfterMs(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(retryAfterMs('Mon, 23 Nov 2026 13:59:00 GMT', NOW)).toBe(0);
  });

  it('caps both forms at a day', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(86_400_000);
    expect(retryAfterMs('86400', NOW)).toBe(86_400_000);
    expect(retryAfterMs('86401', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs('9'.repeat(400), NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(new Date(NOW + 3 * 86_400_000).toUTCString(), NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('is undefined when absent or unreadable, so the caller picks its own wait', () => {
    for (const header of [undefined, '', '   ', [], 'soon', 'never a date'])
      expect(retryAfterMs(header, NOW), String(header)).toBeUndefined();
  });
});

describe('sameSecret', () => {
  it('matches only the very same secret', () => {
    expect(sameSecret('token-0123456789abcdef', 'token-0123456789abcdef')).toBe(true);
    expect(sameSecret('token-0123456789abcdeF', 'token-0123456789abcdef')).toBe(false);
    expect(sameSecret('token', 'token-0123456789abcdef')).toBe(false);
    expect(sameSecret('token-0123456789abcdef-and-more', 'token-0123456789abcdef')).toBe(false);
    expect(sameSecret('', 'token-0123456789abcdef')).toBe(false);
    expect(sameSecret('ñandú', 'ñandú')).toBe(true);
  });

  it('never matches a secret that was not presented', () => {
    expect(sameSecret(undefined, 'token-0123456789abcdef')).toBe(false);
    expect(sameSecret(undefined, '')).toBe(false);
  });
});

describe('failure texts', () => {
  it('redacts every occurrence of every configured secret, longest first, skipping unset ones', () => {
    expect(redact('key abc123 and again abc123', ['abc123'])).toBe('key [redacted] and again [redacted]');
    expect(redact('Basic dXNlcjpwYXNz (pass)', ['pass', 'dXNlcjpwYXNz'])).toBe('Basic [redacted] ([redacted])');
    expect(redact('sk-live-123 and sk-live', ['sk-live', 'sk-live-123'])).toBe('[redacted] and [redacted]');
    expect(redact('nothing to hide', ['', 'absent'])).toBe('nothing to hide');
    expect(redact('token t0k3n', ['t0k3n'], '***')).toBe('token ***');
  });

  it('redacts a failure, returning the same one when nothing was there', () => {
    const clean = sendFailure('unauthorized', 'refused the key', undefined);
    expect(redactFailure(clean, ['s3cret'])).toBe(clean);
    const leaky = sendFailure('rate_limited', 'key s3cret is over its limit', 2_000);
    expect(redactFailure(leaky, ['s3cret'])).toEqual({ ...leaky, message: 'key [redacted] is over its limit' });
  });

  it('makes provider text one short line', () => {
    expect(oneLine('  a\n\tb   c \r\n')).toBe('a b c');
    expect(excerpt('x'.repeat(200))).toBe('x'.repeat(200));
    expect(excerpt(`${'x'.repeat(201)}`)).toBe(`${'x'.repeat(200)}…`);
    expect(excerpt('y'.repeat(400), 300)).toBe(`${'y'.repeat(300)}…`);
  });

  it('does not quote HTML pages', () => {
    expect(looksLikeHtml('  <html><body>502</body></html>')).toBe(true);
    expect(looksLikeHtml('Unauthorized')).toBe(false);
    expect(plainBody('\n<!DOCTYPE html><h1>504</h1>')).toBe('');
    expect(plainBody('slow down')).toBe('slow down');
  });

  it('safeText redacts with *** before cutting, so a cut never leaves part of a secret', () => {
    const secret = 'S'.repeat(30);
    expect(safeText(`token\n${secret}   refused`, [secret])).toBe('token *** refused');
    const straddling = `${'a'.repeat(190)}${secret}`;
    expect(safeText(straddling, [secret])).toBe(`${'a'.repeat(190)}***`);
    expect(safeText('z'.repeat(250), [])).toBe(`${'z'.repeat(200)}…`);
  });

  it('reads JSON defensively', () => {
    expect(parseJson('{"a":1}')).toEqual({ a: 1 });
    expect(parseJson('[1]')).toEqual([1]);
    for (const text of ['', '   ', '<html>', 'Too Many Requests', '{"a":']) expect(parseJson(text), text).toBeUndefined();
    expect(asRecord({ a: 1 })).toEqual({ a: 1 });
    for (const value of [null, [], 'text', 1, undefined]) {
      expect(asRecord(value)).toBeUndefined();
      expect(isRecord(value)).toBe(false);
    }
    expect(asString('id')).toBe('id');
    expect(asString('')).toBeUndefined();
    expect(asString(7)).toBeUndefined();
  });

  it('takes the first of repeated headers', () => {
    expect(firstHeader({ location: ['/a', '/b'] }, 'location')).toBe('/a');
    expect(firstHeader({ location: '/a' }, 'location')).toBe('/a');
    expect(firstHeader({}, 'location')).toBeUndefined();
  });
});

describe('readCapped', () => {
  const body = (...chunks: string[]) => {
    const state = { cancelled: false };
    const remaining = [...chunks];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = remaining.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(Buffer.from(next));
      },
      cancel() {
        state.cancelled = true;
      },
    });
    return Object.assign(stream, { state });
  };

  it('keeps a body up to the cap whole, and says so', async () => {
    expect(await readCapped(body('ab', 'cd'), 4)).toEqual({ text: 'abcd', truncated: false });
  });

  it('keeps the first bytes of a longer body, says it was cut and stops the download', async () => {
    const long = body('abc', 'defgh', 'ijk');
    expect(await readCapped(long, 5)).toEqual({ text: 'abcde', truncated: true });
    expect(long.state.cancelled).toBe(true);
  });
});

describe('httpCall', () => {
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });
  const serve = async (handler: Parameters<typeof startLoopbackServer>[0]) => {
    const server = await startLoopbackServer(handler);
    servers.push(server);
    return server;
  };

  it('sends method, headers and body, and parses a JSON answer', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(202, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
      response.end('{"id":"m-1"}');
    });
    const answer = await httpCall({
      method: 'POST',
      url: `${server.url}/send`,
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: '{"to":"50688888888"}',
      timeoutMs: 2_000,
    });
    expect(answer).toMatchObject({ kind: 'answer', status: 202, text: '{"id":"m-1"}', json: { id: 'm-1' } });
    expect(answer.kind === 'answer' && answer.headers['x-request-id']).toBe('r-1');
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      url: '/send',
      body: '{"to":"50688888888"}',
      headers: { authorization: 'Bearer t' },
    });
  });

  it('sends a body with its length in bytes, never chunked, whether text (accents included) or bytes', async () => {
    const server = await serve((_request, response) => response.end('{}'));
    const text = '{"message":"Atención: noticia de último minuto"}';
    const bytes = new TextEncoder().encode('{"to":"50688888888"}');
    for (const body of [text, bytes, '']) await httpCall({ method: 'POST', url: server.url, headers: {}, body, timeoutMs: 2_000 });
    expect(
      server.requests.map((request) => [request.headers['content-length'], request.headers['transfer-encoding'], request.body]),
    ).toEqual([
      [String(Buffer.byteLength(text)), undefined, text],
      [String(bytes.byteLength), undefined, '{"to":"50688888888"}'],
      ['0', undefined, ''],
    ]);
  });

  it('returns an HTML page as text with no JSON, and a HEAD with no body at all', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    expect(await httpCall({ method: 'GET', url: server.url, headers: {}, timeoutMs: 2_000 })).toMatchObject({
      kind: 'answer',
      status: 502,
      text: '<html><body><h1>502 Bad Gateway</h1></body></html>',
      json: undefined,
    });
    expect(await httpCall({ method: 'HEAD', url: server.url, headers: {}, timeoutMs: 2_000 })).toMatchObject({
      kind: 'answer',
      status: 502,
      text: '',
      headers: { 'content-type': 'text/html' },
    });
  });

  it('never follows a redirect', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/moved') response.writeHead(301, { location: '/elsewhere' }).end();
      else response.end('followed');
    });
    expect(await httpCall({ method: 'POST', url: `${server.url}/moved`, headers: {}, body: 'x', timeoutMs: 2_000 })).toMatchObject({
      kind: 'answer',
      status: 301,
      headers: { location: '/elsewhere' },
    });
    expect(server.requests.map((request) => request.url)).toEqual(['/moved']);
  });

  it('reads at most MAX_BODY_BYTES of an oversized body', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('x'.repeat(MAX_BODY_BYTES + 100_000));
    });
    const answer = await httpCall({ method: 'GET', url: server.url, headers: {}, timeoutMs: 5_000 });
    expect(answer.kind).toBe('answer');
    expect(answer.kind === 'answer' && answer.text.length).toBe(MAX_BODY_BYTES);
  });

  it('reports a server that does not answer in time as a timeout, never throwing', async () => {
    const server = await serve(() => undefined);
    const started = Date.now();
    expect(await httpCall({ method: 'GET', url: server.url, headers: {}, timeoutMs: 150 })).toEqual({
      kind: 'timeout',
      detail: 'no answer within 150 ms',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out a body that stops half-way too', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"partial":');
    });
    expect(await httpCall({ method: 'GET', url: server.url, headers: {}, timeoutMs: 150 })).toMatchObject({ kind: 'timeout' });
  });

  it('reports a refused connection as a network failure described by its code', async () => {
    const answer = await httpCall({ method: 'GET', url: await closedPortUrl(), headers: {}, timeoutMs: 2_000 });
    expect(answer).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', detail: expect.stringMatching(/^ECONNREFUSED: /u) });
  });
});

describe('redact, when provider text was cut in the middle of a secret', () => {
  it('blanks out the secret\u2019s start left before the cut mark', () => {
    const secret = 'bm-token-0123456789abcdef';
    const message = `Botmaker refused: echo ${excerpt(`token was ${secret} and more`, 20)}`;
    expect(message).toContain('bm-token-0');
    expect(redact(message, [secret])).not.toContain('bm-token-0');
    expect(redact(message, [secret])).toContain('[redacted]…');
  });

  it('leaves ordinary cut text alone', () => {
    expect(redact('the provider said: something went wr…', ['bm-token-0123456789abcdef'])).toBe('the provider said: something went wr…');
  });
});
