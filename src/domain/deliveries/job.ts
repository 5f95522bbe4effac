/** The four jobs of the service; every delivery belongs to one. */
export const JOBS = ['meltwater-alert', 'meltwater-newsletter', 'offline-report', 'offline-alert'] as const;
export type Job = (typeof JOBS)[number];

export function isJob(value: string): value is Job {
  return (JOBS as readonly string[]).includes(value);
}
