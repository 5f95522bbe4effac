import { randomUUID } from 'node:crypto';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { NewsletterRunLog } from '../../application/ports/newsletter-run-log.port.ts';
import type { ManageClients } from '../../application/use-cases/manage-clients.use-case.ts';
import type { RecordedNewsletterRuns } from '../../application/use-cases/recorded-newsletter-runs.use-case.ts';
import type { NewsletterProgress } from '../../application/use-cases/run-newsletters.use-case.ts';

export interface RunView {
  readonly id: string;
  readonly trigger: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly checked: number;
  readonly sent: number;
  readonly unchanged: number;
  readonly failed: readonly { readonly distributionId: string; readonly reason: string }[];
}

export interface LiveRun extends RunView {
  /** How many newsletters the run is expected to check (the clients' distributions when it started). */
  readonly expected: number;
  readonly progress: readonly NewsletterProgress[];
  readonly error: string | null;
}

export interface NewsletterRunsView {
  recent(limit: number): Promise<RunView[]>;
}

const KEPT_RUNS = 20;

/**
 * Newsletter runs started from the console, followed while they run so the page can show their progress.
 * The run itself is the same recorded use case as the schedule, the API and the CLI; the console is the
 * server's HTTP side, so its runs are recorded with the `api` trigger (the run log's contract has three).
 * The history shows the runs in progress here, then the run log.
 */
export class ConsoleNewsletterRuns implements NewsletterRunsView {
  readonly #runs: LiveRun[] = [];
  readonly #newsletterRuns: RecordedNewsletterRuns;
  readonly #runLog: NewsletterRunLog;
  readonly #manageClients: ManageClients;
  readonly #logger: Logger;

  constructor(newsletterRuns: RecordedNewsletterRuns, runLog: NewsletterRunLog, manageClients: ManageClients, logger: Logger) {
    this.#newsletterRuns = newsletterRuns;
    this.#runLog = runLog;
    this.#manageClients = manageClients;
    this.#logger = logger;
  }

  async start(distributionIds: readonly string[] | undefined): Promise<LiveRun> {
    const clients = await this.#manageClients.list();
    const expected = clients
      .flatMap((client) => client.meltwaterDistributionIds)
      .filter((id) => distributionIds === undefined || distributionIds.includes(id)).length;
    const run: { -readonly [K in keyof LiveRun]: LiveRun[K] } = {
      id: randomUUID(),
      trigger: 'api',
      startedAt: new Date(),
      finishedAt: null,
      checked: 0,
      sent: 0,
      unchanged: 0,
      failed: [],
      expected,
      progress: [],
      error: null,
    };
    this.#runs.unshift(run);
    this.#runs.splice(KEPT_RUNS);
    const progress: NewsletterProgress[] = [];
    run.progress = progress;
    void this.#newsletterRuns
      .execute('api', { ...(distributionIds === undefined ? {} : { distributionIds }), onProgress: (step) => progress.push(step) })
      .then((summary) => {
        Object.assign(run, { checked: summary.checked, sent: summary.sent, unchanged: summary.unchanged, failed: summary.failed });
      })
      .catch((error: unknown) => {
        this.#logger.error('newsletter run from the console failed', { error });
        run.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        run.finishedAt = new Date();
      });
    return run;
  }

  get(id: string): LiveRun | undefined {
    return this.#runs.find((run) => run.id === id);
  }

  async recent(limit: number): Promise<RunView[]> {
    const running = this.#runs.filter((run) => run.finishedAt === null);
    return [...running, ...(await this.#runLog.recent(limit))].slice(0, limit);
  }
}
