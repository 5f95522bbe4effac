import { Cron } from 'croner';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { CronerScheduleConfig } from './croner.config.ts';

/**
 * Runs a task at the configured times in the configured zone (08:00 and 16:00 in Costa Rica by
 * default). A run still going when the next one is due is not started twice.
 */
export class CronerSchedule {
  readonly #cron: Cron;

  constructor(config: CronerScheduleConfig, task: () => Promise<void>, logger: Logger) {
    this.#cron = new Cron(
      config.REPORT_SCHEDULE,
      {
        timezone: config.REPORT_TIMEZONE,
        protect: () => logger.warn('scheduled run skipped: the previous one is still running'),
        catch: (error) => logger.error('scheduled run failed', { error }),
        paused: true,
      },
      task,
    );
  }

  start(): void {
    this.#cron.resume();
  }

  stop(): void {
    this.#cron.stop();
  }

  nextRun(): Date | null {
    return this.#cron.nextRun();
  }
}
