import type { Job } from './job.ts';

/** How long a delivery may wait before it is no longer worth sending (issue 10 §2). */
export type MaxAgeHours = Readonly<Record<Job, number>>;

export const DEFAULT_MAX_AGE_HOURS: MaxAgeHours = {
  'meltwater-alert': 24,
  'offline-alert': 24,
  'offline-report': 72,
  'meltwater-newsletter': 12,
};

const HOUR_MS = 3_600_000;

/** The moment before which a delivery of `job` that entered the queue is stale. */
export function staleBefore(job: Job, maxAge: MaxAgeHours, now: Date): Date {
  return new Date(now.getTime() - maxAge[job] * HOUR_MS);
}

export function isStale(delivery: { readonly job: Job; readonly queuedAt: Date }, maxAge: MaxAgeHours, now: Date): boolean {
  return delivery.queuedAt.getTime() < staleBefore(delivery.job, maxAge, now).getTime();
}

export function staleReason(job: Job, maxAge: MaxAgeHours): string {
  return `waited longer than ${maxAge[job]} h, the maximum age of a ${job} delivery`;
}

/**
 * A newsletter's event key is `<distributionId>:<fingerprint>`: all versions of one newsletter share the
 * part before the colon. Nobody wants yesterday's newsletter after today's, so a newer version replaces
 * the older ones still waiting for the same recipient. Other jobs have no versions.
 */
export function versionSeriesOf(job: Job, eventKey: string): string | null {
  if (job !== 'meltwater-newsletter') return null;
  const colon = eventKey.indexOf(':');
  return colon <= 0 ? null : eventKey.slice(0, colon + 1);
}

export const SUPERSEDED_REASON = 'a newer version of this newsletter was recorded for the same recipient';
