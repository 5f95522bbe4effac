import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { startWaapiFake, type StartedWaapiFake } from '../../support/fakes/waapi.fake.ts';
import { listenBelowEphemeralPorts } from '../../support/reopenable-port.ts';

/** How a provider can be down: nobody listens, its WhatsApp session is logged out (QR), or its gateway answers 503. */
/** Generous: this scenario is about a provider that is down, not one that is slow. */
const TIMEOUT_MS = 3_000;

export type OutagePhase = 'refuse' | 'not-ready' | 'http-503';
export const OUTAGE_PHASES: readonly OutagePhase[] = ['refuse', 'not-ready', 'http-503'];

export interface OutageWaapi {
  readonly waapi: StartedWaapiFake;
  /** The service's settings: Waapi through the front door below, no pacing. */
  readonly env: Record<string, string>;
  /** Starts an outage phase, or ends the outage with `null`. */
  setPhase(phase: OutagePhase | null): Promise<void>;
  /** Calls that arrived at the front door, by phase (`up` when there was no outage); refused connections never arrive. */
  calls(): Record<OutagePhase | 'up', number>;
  /**
   * Sends the provider took but answered later than the service waits (WAAPI_TIMEOUT_MS): the service
   * cannot know they went out and sends them again, as with any lost answer. Only load makes these.
   */
  lateAnswers(): number;
  /** Numbers the provider took, as E.164, in order. */
  received(): string[];
  close(): Promise<void>;
}

/**
 * The Waapi fake behind a front door on a fixed 127.0.0.1 port that can go down in each of the ways a
 * provider goes down for long: the door closed (ECONNREFUSED), the instance's session logged out
 * (Waapi's own "instance not ready" answer and `qr` status), or HTTP 503 from its gateway.
 */
export async function startOutageWaapi(): Promise<OutageWaapi> {
  const waapi = await startWaapiFake();
  const upstream = new URL(waapi.url);
  const calls: Record<OutagePhase | 'up', number> = { refuse: 0, 'not-ready': 0, 'http-503': 0, up: 0 };
  let phase: OutagePhase | null = null;
  let lateAnswers = 0;

  const relay = (request: IncomingMessage, response: ServerResponse, body: Buffer) => {
    calls[phase ?? 'up']++;
    if (phase === 'http-503') {
      response.writeHead(503, { 'content-type': 'text/html' });
      return response.end('<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>');
    }
    const arrived = Date.now();
    response.on('finish', () => {
      if (Date.now() - arrived >= TIMEOUT_MS) lateAnswers++;
    });
    const call = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: upstream.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    call.on('error', () => request.socket.destroy());
    call.end(body);
  };
  const door = (): Server =>
    createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => relay(request, response, Buffer.concat(chunks)));
    });

  let server: Server | null = door();
  // Closed and opened again on this port while the service under test keeps calling it.
  const port = await listenBelowEphemeralPorts(server);
  const shut = async () => {
    if (server === null) return;
    const closing = server;
    server = null;
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  const open = async () => {
    if (server !== null) return;
    server = door();
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', resolve);
    });
  };

  return {
    waapi,
    env: {
      WHATSAPP_PROVIDER: 'waapi',
      ...waapi.env,
      WAAPI_BASE_URL: `http://127.0.0.1:${port}${upstream.pathname}`,
      WAAPI_MIN_INTERVAL_MS: '0',
      WAAPI_JITTER_MS: '0',
      WAAPI_TIMEOUT_MS: String(TIMEOUT_MS),
      WHATSAPP_RECIPIENT_SPACING_MS: '0',
    },
    async setPhase(next) {
      phase = next;
      waapi.fake.instanceStatus = next === 'not-ready' ? 'qr' : 'ready';
      if (next === 'refuse') await shut();
      else await open();
    },
    calls: () => ({ ...calls }),
    lateAnswers: () => lateAnswers,
    received: () => waapi.fake.accepted().map((message) => message.to),
    close: async () => {
      await shut();
      await waapi.close();
    },
  };
}
