import type { Clock } from '../ports/clock.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { NewsletterRunLog, RunTrigger } from '../ports/newsletter-run-log.port.ts';
import type { OperatorAlerts } from '../ports/operator-alerts.port.ts';
import type { NewsletterRunSummary, RunNewsletters, RunNewslettersOptions } from './run-newsletters.use-case.ts';

export interface RecordedNewsletterRunsDeps {
  readonly run: RunNewsletters;
  readonly log: NewsletterRunLog;
  readonly alerts: OperatorAlerts;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Stands for every distribution when the run could not even list them (the client store was down). */
const WHOLE_RUN = '*';

/**
 * Job 1.2 with its history: every run, whoever started it, is recorded with its outcome, and a run that
 * ended with failures is raised for operators. Recording is a report, not part of the job: a store that
 * cannot record costs the history of that run (logged), never its messages.
 */
export class RecordedNewsletterRuns {
  readonly #deps: RecordedNewsletterRunsDeps;

  constructor(deps: RecordedNewsletterRunsDeps) {
    this.#deps = deps;
  }

  async execute(trigger: RunTrigger, options: RunNewslettersOptions = {}): Promise<NewsletterRunSummary> {
    const startedAt = this.#deps.clock.now();
    let summary: NewsletterRunSummary;
    try {
      summary = await this.#deps.run.execute(options);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.#record(trigger, startedAt, {
        checked: 0,
        sent: 0,
        unchanged: 0,
        failed: [{ distributionId: WHOLE_RUN, reason }],
        skipped: [],
      });
      throw error;
    }
    await this.#record(trigger, startedAt, summary);
    return summary;
  }

  async #record(trigger: RunTrigger, startedAt: Date, summary: NewsletterRunSummary): Promise<void> {
    const failed = summary.failed.map(({ distributionId, reason }) => ({ distributionId, reason }));
    try {
      const run = await this.#deps.log.record({
        trigger,
        startedAt,
        finishedAt: this.#deps.clock.now(),
        checked: summary.checked,
        sent: summary.sent,
        unchanged: summary.unchanged,
        failed,
      });
      if (failed.length > 0) this.#deps.alerts.raise({ kind: 'newsletter-run-failed', runId: run.id, failed });
    } catch (error) {
      this.#deps.logger.error('the newsletter run could not be recorded', { trigger, error });
      if (failed.length > 0) this.#deps.alerts.raise({ kind: 'newsletter-run-failed', runId: 'unrecorded', failed });
    }
  }
}
