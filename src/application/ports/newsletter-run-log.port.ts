/** What started a newsletter run: the 08:00/16:00 schedule, `POST /api/reports/run`, or `newsletters run`. */
const RUN_TRIGGERS = ['schedule', 'api', 'cli'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

interface NewsletterRunFailure {
  readonly distributionId: string;
  readonly reason: string;
}

/** One run of job 1.2, as `GET /api/reports/runs` shows it (issue 10 §5). */
export interface NewsletterRun {
  readonly id: string;
  readonly trigger: RunTrigger;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly checked: number;
  readonly sent: number;
  readonly unchanged: number;
  readonly failed: readonly NewsletterRunFailure[];
}

export interface RunTotals {
  readonly trigger: RunTrigger;
  readonly runs: number;
  /** Newsletters that failed, summed over the runs. */
  readonly failedNewsletters: number;
}

/**
 * The history of newsletter runs, shared by every process on the same store (the server's schedule, the
 * CLI, the Lambda function), so that a failure of the 08:00 run is found without reading logs.
 */
export interface NewsletterRunLog {
  /** Keeps a finished run and answers it with the id it was given. */
  record(run: Omit<NewsletterRun, 'id'>): Promise<NewsletterRun>;
  /** Newest first (by start). */
  recent(limit: number): Promise<NewsletterRun[]>;
  /** Runs and failed newsletters by trigger, for /metrics; triggers without runs are left out. */
  totals(): Promise<RunTotals[]>;
}
