import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeAnswer } from '../../support/fakes/fake-http.ts';

/**
 * What can go wrong between the service and a provider. `lost_response` is the one fault after which a
 * repeat is legitimate: the provider took the message, but its answer never came back.
 */
export const CHAOS_FAULTS = [
  'server_error',
  'rate_limited',
  'timeout',
  'reset',
  'inner_error',
  'permanent_error',
  'lost_response',
] as const;
export type ChaosFault = (typeof CHAOS_FAULTS)[number];

export interface ChaosOptions {
  /** The provider fake behind the proxy. */
  readonly upstream: string;
  /** Share of send calls that fail, 0 to 1. */
  readonly share: number;
  /** The faults drawn from, evenly. */
  readonly faults: readonly ChaosFault[];
  readonly seed: number;
  /** The provider's own wire format for the faults that are answers rather than broken connections. */
  readonly answers: Readonly<Record<'server_error' | 'rate_limited' | 'inner_error' | 'permanent_error', FakeAnswer>>;
  /** How long a `timeout` holds the call before dropping it: longer than the service waits. */
  readonly holdMs: number;
  /** Which calls are sends; only they are failed (status checks pass through). */
  readonly isSend: (method: string, path: string) => boolean;
}

export interface ChaosProxy {
  readonly url: string;
  /** Faults injected so far, by kind. */
  injected(): Record<ChaosFault, number>;
  sendCalls(): number;
  /**
   * Sends the provider took whose answer the service stopped waiting for (its own timeout, on a slow or
   * loaded machine) before it arrived: lost answers too, though the proxy did not inject them.
   */
  abandoned(): number;
  close(): Promise<void>;
}

/**
 * A real HTTP proxy on 127.0.0.1 in front of a provider fake, failing a seeded random share of send
 * calls: answers in the provider's format (5xx, 429 with Retry-After, the 200 that hides an error),
 * connections reset before the provider sees the call, calls held past the service's timeout, and
 * answers lost after the provider took the message.
 */
export async function startChaosProxy(options: ChaosOptions): Promise<ChaosProxy> {
  const random = mulberry32(options.seed);
  const injected = Object.fromEntries(CHAOS_FAULTS.map((fault) => [fault, 0])) as Record<ChaosFault, number>;
  const held = new Set<NodeJS.Timeout>();
  let sendCalls = 0;
  let abandoned = 0;
  const upstream = new URL(options.upstream);

  const pass = (
    request: IncomingMessage,
    body: Buffer,
    then: (status: number, headers: IncomingMessage['headers'], answer: Buffer) => void,
  ) => {
    const call = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: upstream.host },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => then(answer.statusCode ?? 502, answer.headers, Buffer.concat(chunks)));
      },
    );
    call.on('error', () => request.socket.destroy());
    call.end(body);
  };

  const handle = (request: IncomingMessage, response: ServerResponse, body: Buffer) => {
    let serviceGone = false;
    response.on('close', () => {
      if (!response.writableFinished) serviceGone = true;
    });
    const relay = (status: number, headers: IncomingMessage['headers'], answer: Buffer) => {
      if (serviceGone || response.destroyed) {
        if (isSend && status < 300) abandoned++;
        return;
      }
      response.writeHead(status, { 'content-type': headers['content-type'] ?? 'application/json', ...retryAfter(headers) });
      response.end(answer);
    };
    const path = new URL(request.url ?? '/', 'http://proxy').pathname;
    const isSend = options.isSend(request.method ?? 'GET', path);
    if (!isSend) return pass(request, body, relay);
    sendCalls++;
    if (random() >= options.share) return pass(request, body, relay);
    const fault = options.faults[Math.floor(random() * options.faults.length)]!;
    injected[fault]++;
    switch (fault) {
      case 'reset':
        return request.socket.destroy();
      case 'timeout': {
        const timer = setTimeout(() => {
          held.delete(timer);
          request.socket.destroy();
        }, options.holdMs);
        return held.add(timer);
      }
      case 'lost_response':
        return pass(request, body, () => request.socket.destroy());
      default: {
        const answer = options.answers[fault];
        response.writeHead(answer.status, answer.headers);
        return response.end(answer.body);
      }
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    injected: () => ({ ...injected }),
    sendCalls: () => sendCalls,
    abandoned: () => abandoned,
    close: () =>
      new Promise((resolve) => {
        for (const timer of held) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function retryAfter(headers: IncomingMessage['headers']): Record<string, string> {
  const value = headers['retry-after'];
  return typeof value === 'string' ? { 'retry-after': value } : {};
}

/** A small seeded generator, so a failing run can be repeated with the seed it printed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
