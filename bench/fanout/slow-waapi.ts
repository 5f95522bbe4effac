import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowWaapi {
  /** WAAPI_BASE_URL for the service. */
  readonly baseUrl: string;
  readonly instanceId: string;
  readonly token: string;
  /** Send calls answered since the last reset. */
  readonly sends: number;
  /** The most send calls held at the same time since the last reset: the concurrency the provider saw. */
  readonly peakInFlight: number;
  /**
   * Send calls held on average from the first call's arrival to the last answer since the last reset: C
   * when the service keeps every slot busy; each gap between an answer and the next call lowers it.
   */
  readonly meanInFlight: number;
  reset(): void;
  close(): Promise<void>;
}

/**
 * Waapi's send-message as a loopback server that takes `delayMs` to answer each call, with the body of
 * Waapi's OpenAPI example. Nothing else of the contract matters here (test/support/fakes/waapi.fake.ts
 * has it all); it runs in the bench process, so its own work is not counted against the service's CPU.
 */
export async function startSlowWaapi(delayMs: number): Promise<SlowWaapi> {
  const instanceId = '60123';
  const token = 'bench-waapi-token-0123456789';
  let sends = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  // Time-weighted in-flight count: the integral of inFlight over time, from the first call to the last answer.
  let firstAt: number | undefined;
  let lastChangeAt = 0;
  let inFlightMs = 0;
  const change = (by: number) => {
    const now = performance.now();
    firstAt ??= now;
    inFlightMs += inFlight * (now - lastChangeAt);
    lastChangeAt = now;
    inFlight += by;
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      change(+1);
      peakInFlight = Math.max(peakInFlight, inFlight);
      const { chatId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { chatId: string };
      setTimeout(() => {
        change(-1);
        sends++;
        const serialized = `true_${chatId}_3EB0${sends.toString(16).toUpperCase().padStart(18, '0')}`;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            status: 'success',
            instanceId,
            data: { _data: { id: { fromMe: true, remote: chatId, _serialized: serialized }, ack: 0 } },
          }),
        );
      }, delayMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    instanceId,
    token,
    get sends() {
      return sends;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    get meanInFlight() {
      return firstAt === undefined || lastChangeAt === firstAt ? 0 : inFlightMs / (lastChangeAt - firstAt);
    },
    reset() {
      sends = 0;
      peakInFlight = 0;
      firstAt = undefined;
      inFlightMs = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
