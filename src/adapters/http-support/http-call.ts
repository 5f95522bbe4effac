import type { Agent, ClientRequest, RequestOptions } from 'node:http';
import { urlToHttpOptions } from 'node:url';
import { parseJson } from './json-value.ts';

export type HttpHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** What came back, whatever it was: JSON is parsed when it parses, `json` is undefined otherwise. */
export interface HttpAnswer {
  readonly kind: 'answer';
  readonly status: number;
  readonly headers: HttpHeaders;
  /** The body as text, cut at MAX_BODY_BYTES. */
  readonly text: string;
  readonly json: unknown;
}

/** Nothing came back: the wait ran out, or the connection failed. */
export type HttpNoAnswer =
  | { readonly kind: 'timeout'; /** `no answer within N ms` */ readonly detail: string }
  | {
      readonly kind: 'network';
      /** The failure's code(s) and message: `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9`. */
      readonly detail: string;
      /** The failure's code (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET…) when it has one: short, and never quoting a URL. */
      readonly code: string | undefined;
    };

export interface HttpCall {
  readonly method: 'GET' | 'HEAD' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  readonly timeoutMs: number;
}

/** Provider answers are small; anything longer is not worth reading (an HTML error page). */
export const MAX_BODY_BYTES = 256 * 1024;

interface Transport {
  readonly request: (options: RequestOptions) => ClientRequest;
  readonly agent: Agent;
}

interface Target {
  readonly kind: 'target';
  readonly protocol: 'http:' | 'https:';
  readonly options: RequestOptions;
}

/** Addresses parsed so far; a fan-out calls the same one thousands of times. Forgotten whole when full. */
const targets = new Map<string, Target | HttpNoAnswer>();
const MAX_TARGETS = 256;

/** What Node's request makes of a URL, parsed once per address, or why it cannot be called. */
function targetOf(address: string): Target | HttpNoAnswer {
  const known = targets.get(address);
  if (known !== undefined) return known;
  if (targets.size >= MAX_TARGETS) targets.clear();
  const target = parseTarget(address);
  targets.set(address, target);
  return target;
}

function parseTarget(address: string): Target | HttpNoAnswer {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { kind: 'network', detail: 'invalid URL', code: 'ERR_INVALID_URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { kind: 'network', detail: `unsupported protocol ${url.protocol}`, code: 'ERR_INVALID_PROTOCOL' };
  }
  // Only what addresses the request: the rest of urlToHttpOptions (href, search, hash…) would be copied into every call.
  const { hostname, port, path, auth } = urlToHttpOptions(url);
  const options: RequestOptions =
    auth === undefined ? { protocol: url.protocol, hostname, port, path } : { protocol: url.protocol, hostname, port, path, auth };
  return { kind: 'target', protocol: url.protocol, options };
}

const transports: Partial<Record<'http:' | 'https:', Transport>> = {};

/**
 * Each protocol's module and keep-alive agent, on the first call that uses it: `node:https` loads TLS, time
 * that a process which never calls a provider (a CLI listing clients) should not spend.
 */
function transport(protocol: 'http:' | 'https:'): Transport {
  const module = process.getBuiltinModule(protocol === 'https:' ? 'node:https' : 'node:http');
  transports[protocol] ??= { request: module.request, agent: new module.Agent({ keepAlive: true }) };
  return transports[protocol];
}

/**
 * Builds now what the first call to `address` would otherwise build in its way: the parsed target, and the
 * protocol's module and keep-alive agent. A provider adapter calls it when it is made, so the first send of
 * a fan-out does not compile `node:http` (about 3 ms) or `node:https` and TLS (about 5 ms) while the other
 * sends of its first round wait behind it. Processes that never make an adapter (`--help`, `clients list`)
 * still load neither.
 */
export function prepareHttpCall(address: string): void {
  const target = targetOf(address);
  if (target.kind === 'target') transport(target.protocol);
}

/**
 * One HTTP call that never throws: every network outcome comes back as a value for the adapter to
 * classify. Redirects are never followed, so a moved API shows up as a 3xx instead of sending
 * credentials elsewhere. The timeout covers reading the body too. `node:http` with keep-alive agents
 * rather than fetch: a send costs less than half the CPU (fetch's web streams and Request objects),
 * which is what bounds a fan-out without pacing, and no HTTP library is bundled.
 */
export function httpCall(call: HttpCall): Promise<HttpAnswer | HttpNoAnswer> {
  return new Promise((resolve) => {
    const target = targetOf(call.url);
    if (target.kind !== 'target') return resolve(target);
    let settled = false;
    const settle = (outcome: HttpAnswer | HttpNoAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const { request: send, agent } = transport(target.protocol);
    // The caller's headers as they are, not a copy per call: given the whole body at `end`, Node adds its
    // Content-Length (the byte length of text or bytes) itself. Text is written as text, in one write with the head.
    const request = send({ ...target.options, method: call.method, headers: call.headers, agent });
    const timer = setTimeout(() => {
      settle({ kind: 'timeout', detail: `no answer within ${call.timeoutMs} ms` });
      request.destroy();
    }, call.timeoutMs);
    request.on('error', (error) => settle({ kind: 'network', detail: networkDetail(error), code: networkCode(error) }));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const answer = (): HttpAnswer => {
        const text = Buffer.concat(chunks).toString('utf8');
        return { kind: 'answer', status: response.statusCode ?? 0, headers: response.headers, text, json: parseJson(text) };
      };
      response.on('data', (chunk: Buffer) => {
        const room = MAX_BODY_BYTES - size;
        if (chunk.length <= room) {
          chunks.push(chunk);
          size += chunk.length;
          return;
        }
        // The start of the body is kept (up to the cap), so what was read can still be quoted; the rest is never downloaded.
        chunks.push(chunk.subarray(0, room));
        settle(answer());
        response.destroy();
      });
      response.on('end', () => settle(answer()));
      response.on('error', (error) => settle({ kind: 'network', detail: networkDetail(error), code: networkCode(error) }));
    });
    request.end(call.body);
  });
}

/** The first value of a response header (a list where a caller built the headers itself). */
export function firstHeader(headers: HttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A system error carries its code; a wrapped one (fetch's `TypeError: fetch failed`) on its cause. */
function networkCode(error: unknown): string | undefined {
  const own = (error as { code?: unknown } | null)?.code;
  if (typeof own === 'string') return own;
  const wrapped = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof wrapped === 'string' ? wrapped : undefined;
}

function networkDetail(error: unknown): string {
  if (!(error instanceof Error)) return 'connection failed';
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const parts = [
    typeof code === 'string' ? code : undefined,
    typeof cause?.code === 'string' ? cause.code : undefined,
    typeof cause?.message === 'string' ? cause.message : error.message,
  ];
  return parts.filter((part) => part !== undefined && part !== '').join(': ') || error.name;
}
