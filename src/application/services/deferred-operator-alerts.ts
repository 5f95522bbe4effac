import type { Logger } from '../ports/logger.port.ts';
import type { OperatorAlerts, OperatorEvent } from '../ports/operator-alerts.port.ts';

/** The notices service once loaded: it raises, and stops by flushing what is on its way. */
export interface StoppableOperatorAlerts extends OperatorAlerts {
  stop(): Promise<void>;
}

/**
 * Operator alerts whose service is loaded on the first event rather than when the process starts: a
 * healthy run raises nothing, so a Lambda function or a CLI command never loads it. Events raised while it
 * loads are kept and handed over in order once it is there. As the port says, raising never throws nor
 * waits; a service that cannot be loaded is logged, with the events it loses.
 */
export class DeferredOperatorAlerts implements OperatorAlerts {
  readonly #load: () => Promise<StoppableOperatorAlerts>;
  readonly #logger: Logger;
  #loaded: StoppableOperatorAlerts | undefined;
  #loading: Promise<StoppableOperatorAlerts | undefined> | undefined;
  readonly #pending: OperatorEvent[] = [];

  constructor(load: () => Promise<StoppableOperatorAlerts>, logger: Logger) {
    this.#load = load;
    this.#logger = logger;
  }

  raise(event: OperatorEvent): void {
    if (this.#loaded !== undefined) {
      this.#loaded.raise(event);
      return;
    }
    this.#pending.push(event);
    this.#loading ??= this.#load().then(
      (alerts) => {
        this.#loaded = alerts;
        for (const pending of this.#pending.splice(0)) alerts.raise(pending);
        return alerts;
      },
      (error: unknown) => {
        const lost = this.#pending.splice(0).map((pending) => pending.kind);
        this.#loading = undefined;
        this.#logger.error('operator notices could not be loaded', { error, lost });
        return undefined;
      },
    );
  }

  /** Stops the service if it was ever loaded (waiting for it to load first). */
  async stop(): Promise<void> {
    await (await this.#loading)?.stop();
  }
}
