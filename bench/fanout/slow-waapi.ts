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
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      inFlight++;
      peakInFlight = Math.max(peakInFlight, inFlight);
      const { chatId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { chatId: string };
      setTimeout(() => {
        inFlight--;
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
    reset() {
      sends = 0;
      peakInFlight = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
