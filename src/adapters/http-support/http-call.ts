import { parseJson } from './json-value.ts';
import { readCapped } from './read-capped.ts';

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

/**
 * One HTTP call that never throws: every network outcome comes back as a value for the adapter to
 * classify. Redirects are never followed, so a moved API shows up as a 3xx instead of sending
 * credentials elsewhere. The timeout covers reading the body too. Node's own fetch (undici inside
 * Node) keeps the Lambda bundles free of a second copy of undici.
 */
export async function httpCall(call: HttpCall): Promise<HttpAnswer | HttpNoAnswer> {
  const signal = AbortSignal.timeout(call.timeoutMs);
  try {
    const response = await fetch(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body ?? null,
      signal,
      redirect: 'manual',
    });
    const { text } = response.body === null ? { text: '' } : await readCapped(response.body, MAX_BODY_BYTES);
    return { kind: 'answer', status: response.status, headers: headersOf(response.headers), text, json: parseJson(text) };
  } catch (error) {
    if (signal.aborted) return { kind: 'timeout', detail: `no answer within ${call.timeoutMs} ms` };
    return { kind: 'network', detail: networkDetail(error), code: networkCode(error) };
  }
}

function headersOf(headers: Headers): Record<string, string> {
  return Object.fromEntries(headers.entries());
}

/** The first value of a response header (a list where a caller built the headers itself). */
export function firstHeader(headers: HttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** fetch wraps the system error (`TypeError: fetch failed`); its code is on the error or on its cause. */
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
