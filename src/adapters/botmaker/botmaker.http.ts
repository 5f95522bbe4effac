import { request } from 'undici';
import { sendFailure, type SendFailure } from '../../domain/deliveries/send-failure.ts';

export interface BotmakerAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body parsed as JSON, or undefined when it was empty, HTML or anything else. */
  readonly json: unknown;
  /** The start of the raw body, for failure messages when it was not JSON. */
  readonly snippet: string;
}

export type BotmakerCall = { readonly ok: true; readonly answer: BotmakerAnswer } | { readonly ok: false; readonly failure: SendFailure };

/**
 * One call to the Botmaker API: the token goes in the `access-token` header (providers.md §4.1), never in
 * the URL. Redirects are not followed. Whatever the network does comes back as a classified failure.
 */
export async function callBotmaker(
  method: 'GET' | 'POST',
  url: string,
  accessToken: string,
  body: unknown,
  timeoutMs: number,
): Promise<BotmakerCall> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await request(url, {
      method,
      signal,
      headers: {
        'access-token': accessToken,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.body.text();
    return {
      ok: true,
      answer: { status: response.statusCode, headers: response.headers, json: parseJson(text), snippet: text.slice(0, 200) },
    };
  } catch (error) {
    if (signal.aborted) return { ok: false, failure: sendFailure('timeout', `Botmaker did not answer within ${timeoutMs} ms`) };
    const reason = error instanceof Error ? ((error as Error & { code?: string }).code ?? error.message) : String(error);
    return { ok: false, failure: sendFailure('unavailable', `Botmaker could not be reached (${reason})`) };
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
