import type { RunningServer } from '../../support/server-process.ts';

/** Longer than any probe may honestly take; a probe past it counts as failed (issue 16 used 4 s). */
const PROBE_TIMEOUT_MS = 4_000;

export interface HealthProbes {
  /** Stops probing and returns each probe's latency in ms (Infinity for one that failed or timed out). */
  stop(): Promise<number[]>;
  /** Probes answered so far. */
  count(): number;
}

/**
 * Probes `/healthz` every `everyMs` while heavy work runs, as a load balancer would. The figures are the
 * probes' own latencies: nothing waits for time to pass to decide an outcome.
 */
export function probeHealth(server: RunningServer, everyMs = 200): HealthProbes {
  const latencies: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      try {
        const response = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        await response.text();
        latencies.push(response.status === 200 ? performance.now() - started : Number.POSITIVE_INFINITY);
      } catch {
        latencies.push(Number.POSITIVE_INFINITY);
      }
      const rest = everyMs - (performance.now() - started);
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
  })();
  return {
    count: () => latencies.length,
    stop: async () => {
      stopped = true;
      await loop;
      return latencies;
    },
  };
}

export function summarise(latencies: readonly number[]): { probes: number; maxMs: number; p50Ms: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    probes: sorted.length,
    maxMs: Math.round(sorted.at(-1) ?? 0),
    p50Ms: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
  };
}

/**
 * The longest the server's event loop waited, in ms, since the previous call (prom-client's
 * `nodejs_eventloop_lag_max_seconds`, whose histogram restarts at each scrape of /metrics). Measured inside
 * the server, it shows whether heavy work blocked the loop without the test process's own delays (its event
 * loop, a loaded machine scheduling it late), which a probe's round trip adds.
 */
export async function eventLoopMaxMs(server: RunningServer): Promise<number> {
  const metrics = await (await server.request('/metrics')).text();
  const line = /^nodejs_eventloop_lag_max_seconds (\S+)$/mu.exec(metrics);
  if (line === null) throw new Error('no nodejs_eventloop_lag_max_seconds in /metrics');
  return Math.round(Number(line[1]) * 1_000);
}
