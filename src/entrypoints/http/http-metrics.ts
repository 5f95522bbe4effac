import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DeliveryLedger } from '../../application/ports/delivery-ledger.port.ts';
import type { NewsletterRunLog } from '../../application/ports/newsletter-run-log.port.ts';
import { INBOUND_QUEUES, type DeadLetterReader } from '../../application/ports/job-queue.port.ts';

export interface HttpMetrics {
  readonly registry: Registry;
  observe(method: string, route: string, status: number, seconds: number): void;
}

/**
 * Prometheus metrics: requests by route, and the delivery ledger and queues read at scrape time, so
 * the figures are those of the database, shared by every process that uses it.
 */
export function createMetrics(sources: {
  ledger: DeliveryLedger;
  deadLetters: DeadLetterReader | null;
  runs: NewsletterRunLog;
}): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'cvt_http_requests_total',
    help: 'HTTP requests by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'cvt_http_request_duration_seconds',
    help: 'HTTP request durations.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'cvt_deliveries',
    help: 'Deliveries in the ledger by job and status.',
    labelNames: ['job', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { job, status, count } of await sources.ledger.counts()) this.set({ job, status }, count);
    },
  });
  // Counters read from the store at scrape time: runs started by the CLI or another process count too.
  new Counter({
    name: 'cvt_newsletter_runs_total',
    help: 'Newsletter runs recorded, by trigger (schedule, api, cli).',
    labelNames: ['trigger'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { trigger, runs } of await sources.runs.totals()) this.inc({ trigger }, runs);
    },
  });
  new Counter({
    name: 'cvt_newsletter_failures_total',
    help: 'Newsletters that failed in recorded runs, by trigger.',
    labelNames: ['trigger'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { trigger, failedNewsletters } of await sources.runs.totals()) this.inc({ trigger }, failedNewsletters);
    },
  });
  if (sources.deadLetters !== null) {
    const deadLetters = sources.deadLetters;
    new Gauge({
      name: 'cvt_queue_messages',
      help: 'Messages waiting or in flight in each inbound queue.',
      labelNames: ['queue'] as const,
      registers: [registry],
      async collect() {
        for (const queue of INBOUND_QUEUES) this.set({ queue }, await deadLetters.depth(queue));
      },
    });
  }
  return {
    registry,
    observe(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      durations.observe({ method, route }, seconds);
    },
  };
}
