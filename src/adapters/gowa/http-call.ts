import { request } from 'undici';

export type HttpHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** What came back, whatever it was: JSON is parsed when it parses, `json` is undefined otherwise. */
export interface HttpAnswer {
  readonly kind: 'answer';
  readonly status: number;
  readonly headers: HttpHeaders;
  readonly text: string;
  readonly json: unknown;
}

/** Nothing came back: the wait ran out, or the connection failed. */
export interface HttpNoAnswer {
  readonly kind: 'timeout' | 'network';
  readonly detail: string;
}

export interface HttpCall {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
}

/** Provider answers are small; anything longer is not worth reading (an HTML error page). */
const MAX_BODY_BYTES = 256 * 1024;

/** One HTTP call, never throwing, never following a redirect (undici's `request` does not). */
export async function httpCall(call: HttpCall): Promise<HttpAnswer | HttpNoAnswer> {
  const signal = AbortSignal.timeout(call.timeoutMs);
  try {
    const response = await request(call.url, { method: call.method, headers: call.headers, body: call.body, signal });
    const text = await readCapped(response.body);
    return { kind: 'answer', status: response.statusCode, headers: response.headers, text, json: parseJson(text) };
  } catch (error) {
    if (signal.aborted) return { kind: 'timeout', detail: `no answer within ${call.timeoutMs} ms` };
    return { kind: 'network', detail: networkDetail(error) };
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_BODY_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function networkDetail(error: unknown): string {
  if (!(error instanceof Error)) return 'connection failed';
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const parts = [typeof code === 'string' ? code : undefined, typeof cause?.code === 'string' ? cause.code : undefined, error.message];
  return parts.filter((part) => part !== undefined && part !== '').join(': ') || error.name;
}
