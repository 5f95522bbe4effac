import { Pool } from 'undici';
import { percentile } from './stats.ts';

export interface LoadRequest {
  readonly path: string;
  readonly body: string;
}

export interface LoadOptions {
  readonly origin: string;
  readonly connections: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /** The i-th request; each may differ (a new alert each time). */
  readonly request: (index: number) => LoadRequest;
  readonly expectStatus: number;
}

export interface LoadFigures {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers with another status than expected, counted but not in the figures. */
  readonly unexpected: number;
  readonly firstUnexpected: string | null;
}

/**
 * A closed loop: each connection sends its next request as soon as the last one is answered, so the
 * server is kept busy and throughput and latency are measured together. Requests answered during the
 * warm-up (JIT, caches, SQLite pages) are not counted; those started in the window are.
 */
export async function closedLoop(options: LoadOptions): Promise<LoadFigures> {
  const pool = new Pool(options.origin, { connections: options.connections, pipelining: 1 });
  const latencies: number[] = [];
  let answeredInWindow = 0;
  let unexpected = 0;
  let firstUnexpected: string | null = null;
  let index = 0;
  const started = performance.now();
  const windowStart = started + options.warmupMs;
  const windowEnd = windowStart + options.durationMs;

  const connection = async (): Promise<void> => {
    for (;;) {
      const sent = performance.now();
      if (sent >= windowEnd) return;
      const { path, body } = options.request(index++);
      const response = await pool.request({
        origin: options.origin,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await response.body.text();
      const answered = performance.now();
      if (sent < windowStart) continue;
      if (response.statusCode !== options.expectStatus) {
        unexpected++;
        firstUnexpected ??= `${response.statusCode} ${text.slice(0, 200)}`;
        continue;
      }
      if (answered <= windowEnd) answeredInWindow++;
      latencies.push(answered - sent);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, connection));
  await pool.close();
  return {
    requests: latencies.length,
    perSecond: answeredInWindow / (options.durationMs / 1_000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    unexpected,
    firstUnexpected,
  };
}
