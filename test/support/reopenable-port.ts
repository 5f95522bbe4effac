import { readFileSync } from 'node:fs';
import type { Server } from 'node:net';

/**
 * Where a test server that closes and opens again on the same port should listen: below Linux's ephemeral
 * range. A port picked by `listen(0)` comes from that range, which every outgoing connection of the machine
 * draws its local port from too: once closed, it can be taken by any of them (seen once: EADDRINUSE when the
 * provider of an outage scenario came back), while a port below the range is only ever taken by a listener
 * that asks for it. Tries random ports from 20,000 up to the range's start until one is free.
 */
export async function listenBelowEphemeralPorts(server: Server): Promise<number> {
  const rangeStart = ephemeralRangeStart();
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * (rangeStart - 20_000));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      return port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 100) throw error;
    }
  }
}

function ephemeralRangeStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/u)[0]) || 32_768;
  } catch {
    return 32_768;
  }
}
