import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { HTTP_ERRORS, type HttpErrorCode } from '../../src/entrypoints/shared/http-errors.ts';
import { startServer, type RunningServer } from '../support/server-process.ts';
import { POLLUTION_MARKER } from './hostile-bodies.ts';

/** Longer than any honest answer takes on loopback, even for 3 MiB; past it the server is hung. */
const ANSWER_WITHIN_MS = 10_000;

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body when it is JSON. */
  readonly body: unknown;
}

export interface HostileServer {
  readonly server: RunningServer;
  readonly dataDir: string;
}

/**
 * The built server, started once for the file (a fresh one per property would cost a second each).
 * `env` may be a function, for settings that only exist once other fakes are up.
 */
export function useHostileServer(env: () => Promise<Record<string, string>> | Record<string, string>): () => HostileServer {
  let started: HostileServer | undefined;
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cvt-hostile-'));
    started = { server: await startServer(dataDir, { WHATSAPP_RECIPIENT_SPACING_MS: '0', ...(await env()) }), dataDir };
  });
  afterAll(async () => {
    await started?.server.stop();
    if (started !== undefined) rmSync(started.dataDir, { recursive: true, force: true });
  });
  return () => {
    if (started === undefined) throw new Error('the server is not started');
    return started;
  };
}

/** One request; a server that does not answer in time fails the test instead of hanging it. */
export async function send(server: RunningServer, path: string, init: RequestInit = {}): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${server.url}${path}`, { ...init, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  } catch (error) {
    throw new Error(`${init.method ?? 'GET'} ${path.slice(0, 200)}: no answer within ${ANSWER_WITHIN_MS} ms`, { cause: error });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const answer = { status: response.status, headers: response.headers, text, body };
  expectNoPollutionMarker(answer);
  return answer;
}

export const adminHeaders = (token: string, headers: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...headers });

const shown = (answer: Answer) => `${answer.status} ${answer.text.slice(0, 300)}`;

/** Never a 5xx, whatever was sent. */
export function expectNoServerError(answer: Answer): void {
  expect(answer.status, shown(answer)).toBeLessThan(500);
}

/**
 * The answer is the error `{"error", "message"}` of http-errors.ts, with that code's status, and the
 * code is one the route documents.
 */
export function expectDocumentedError(answer: Answer, allowed: readonly HttpErrorCode[]): HttpErrorCode {
  expectNoServerError(answer);
  expect(answer.headers.get('content-type') ?? '', shown(answer)).toMatch(/^application\/json/u);
  expect(answer.body, shown(answer)).toEqual({ error: expect.any(String), message: expect.any(String) });
  const { error, message } = answer.body as { error: string; message: string };
  expect(allowed, shown(answer)).toContain(error);
  const code = error as HttpErrorCode;
  expect(answer.status, shown(answer)).toBe(HTTP_ERRORS[code].status);
  expect(message.trim(), shown(answer)).not.toBe('');
  return code;
}

/** Exactly this error. */
export function expectError(answer: Answer, code: HttpErrorCode): void {
  expectDocumentedError(answer, [code]);
}

/** No JSON answer ever carries a key planted through a prototype (or echoed from a polluting body). */
export function expectNoPollutionMarker(answer: Answer): void {
  const found: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}[${index}]`));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key === POLLUTION_MARKER || key === '__proto__') found.push(`${path}.${key}`);
        walk(item, `${path}.${key}`);
      }
    }
  };
  walk(answer.body, '$');
  expect(found, shown(answer)).toEqual([]);
}

/**
 * What the server wrote since `from` that betrays an unhandled failure: error lines of the JSON log
 * (the error handler writes one for every 500, the process one for an unhandled rejection) and
 * anything that looks like a stack trace outside the log.
 */
export function unhandledFailures(output: readonly string[], from: number): string[] {
  return output.slice(from).filter((line) => {
    // The level is read from the line's start: a log line holding U+2028 reaches here cut in pieces,
    // because readline also ends lines there.
    const level = /^\{"time":"[^"]*","level":"([a-z]+)"/u.exec(line)?.[1];
    if (level !== undefined) return level === 'error' || level === 'fatal';
    return /^\s+at\s|^\s*(?:[A-Z]\w*Error|Uncaught|Unhandled|node:internal)\b|FATAL ERROR/u.test(line);
  });
}

/**
 * The process still answers, and logged no unhandled failure since `from`; `concerns` keeps the lines
 * this check is about (work that runs in the background is checked where it is awaited).
 */
export async function expectHealthy(server: RunningServer, from: number, concerns: (line: string) => boolean = () => true): Promise<void> {
  const health = await send(server, '/healthz');
  expect({ status: health.status, body: health.body }).toEqual({ status: 200, body: { status: 'ok' } });
  expect(unhandledFailures(server.output, from).filter(concerns)).toEqual([]);
}

export interface RawAnswer {
  /** The status line's code, or undefined when the server closed without answering. */
  readonly status: number | undefined;
  readonly text: string;
}

/**
 * Bytes written straight to the socket, for what fetch refuses to send: a lying Content-Length, a body
 * cut short, conflicting framing. `end` half-closes after writing; otherwise the socket stays open.
 */
export async function sendRaw(server: RunningServer, request: string, options: { end: boolean; waitMs?: number }): Promise<RawAnswer> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let text = '';
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/u.exec(text)?.[1];
      resolve({ status: status === undefined ? undefined : Number(status), text });
    };
    const timer = setTimeout(finish, options.waitMs ?? ANSWER_WITHIN_MS);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      // One answer is all a test needs; a server that keeps the socket open must not hold the test.
      const head = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: (\d+)/iu.exec(text)?.[1];
      if (head >= 0 && length !== undefined && text.length >= head + 4 + Number(length)) finish();
    });
    socket.on('end', finish);
    socket.on('error', (error) => (text === '' ? reject(error) : finish()));
    socket.write(request, () => {
      if (options.end) socket.end();
    });
  });
}
