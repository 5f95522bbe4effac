import type { InProcessDispatchSignal } from '../../adapters/in-process/dispatch-signal.adapter.ts';
import type { Clock } from '../../application/ports/clock.port.ts';
import type { DeliveryLedger, DueDelivery } from '../../application/ports/delivery-ledger.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { DispatchDelivery } from '../../application/use-cases/dispatch-delivery.use-case.ts';
import { RecentIds } from './recent-ids.ts';

export interface DispatchLanesOptions {
  readonly ledger: DeliveryLedger;
  readonly dispatch: Pick<DispatchDelivery, 'execute' | 'executeBatch' | 'batches'>;
  readonly signal: InProcessDispatchSignal;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly concurrency: number;
  /** Longest wait between two looks at the ledger when nothing is published (retries coming due). */
  readonly pollMs: number;
}

/**
 * `serve`: the server's dispatcher, which runs until stopped and waits for work when none is due.
 * `drain`: the CLI's, which ends once nothing it has not taken yet is due, taking each delivery once.
 */
export type DispatchMode = 'serve' | 'drain';

/** The deliveries of one event to many WhatsApp recipients go to a batching provider in one call. */
const BATCH_LIMIT = 500;

/**
 * `concurrency` lanes, each sending one delivery (or one campaign) at a time and taking the next the
 * moment its send ends: the provider always has `concurrency` sends in hand while work is due, with no
 * round that waits for its slowest send before taking more. One look at the ledger at a time tops a
 * shared queue up before it runs dry; a look that found nothing new is not repeated until work is
 * published or the poll interval passes, so a trickle of sends does not cost a query each.
 *
 * What it holds does not grow with the deliveries it sends: the queue and the deliveries taken but not
 * finished (at most a few looks' worth), and in `serve` mode a bounded window of finished ones, so
 * that a delivery due again at once is not taken again at once.
 */
export class DispatchLanes {
  readonly #options: DispatchLanesOptions;
  readonly #mode: DispatchMode;
  readonly #stop: AbortSignal;
  readonly #fetchSize: number;
  /** Work items not started yet, oldest first. */
  readonly #work: string[][] = [];
  /** Taken and not finished: queued here or in a send. Still due in the ledger until claimed. */
  readonly #outstanding = new Set<string>();
  /** Finished in this run: every one when draining, the latest ones when serving (forgotten when idle). */
  readonly #finished: Set<string> | RecentIds;
  #looking: Promise<boolean> | undefined;
  /** The signal's mark when a look last saw everything due; undefined when more may be due than it took. */
  #dryAt: number | undefined;
  #idle: Promise<void> | undefined;
  #inFlight = 0;
  #sendEnded: (() => void)[] = [];

  constructor(options: DispatchLanesOptions, mode: DispatchMode, stop: AbortSignal) {
    this.#options = options;
    this.#mode = mode;
    this.#stop = stop;
    // Twice the lanes: a look starts when C are left, one provider answer's worth of headroom, and queued ids
    // (still due, so read again by every look until claimed) stay few.
    this.#fetchSize = options.dispatch.batches ? BATCH_LIMIT : options.concurrency * 2;
    this.#finished = mode === 'drain' ? new Set() : new RecentIds(this.#fetchSize * 2);
  }

  /** Resolves once every lane ended (stopped, or drained); the number of deliveries finished (distinct when draining). */
  async run(): Promise<number> {
    let finished = 0;
    await Promise.all(
      Array.from({ length: this.#options.concurrency }, async () => {
        for (let ids = await this.#next(); ids !== undefined; ids = await this.#next()) {
          await this.#send(ids);
          finished += ids.length;
        }
      }),
    );
    return this.#mode === 'drain' ? this.#finished.size : finished;
  }

  /** The next work item for a lane, or undefined when the lane ends. */
  async #next(): Promise<string[] | undefined> {
    for (;;) {
      if (this.#stop.aborted) return undefined;
      if (this.#work.length <= this.#options.concurrency && this.#mayLook()) void this.#look().catch(() => undefined);
      // A turn of the event loop before each send: the ledger and the outbox may answer without real I/O,
      // and a run of sends would then be one unbroken chain of microtasks that /healthz and the intake wait
      // behind. Sends started in the same turn also reach the ledger together.
      await yieldToEventLoop();
      const ids = this.#work.shift();
      if (ids !== undefined) return ids;
      if (this.#looking !== undefined || this.#mayLook()) {
        await this.#look();
        continue;
      }
      if (!(await this.#waitForWork())) return undefined;
    }
  }

  /** A look that saw everything due is worth repeating only once something was published since. */
  #mayLook(): boolean {
    return this.#dryAt === undefined || this.#dryAt !== this.#options.signal.mark;
  }

  /** One look at the ledger at a time, shared by every lane that needs it; true when it queued new work. */
  #look(): Promise<boolean> {
    this.#looking ??= this.#fetch().finally(() => {
      this.#looking = undefined;
    });
    return this.#looking;
  }

  async #fetch(): Promise<boolean> {
    const { ledger, clock, signal, dispatch, logger, pollMs } = this.#options;
    const mark = signal.mark;
    let due: DueDelivery[];
    // Taken but not claimed yet, they are still due: each look asks for that many more.
    const limit = this.#fetchSize + this.#outstanding.size;
    try {
      due = await ledger.due(clock.now(), limit);
    } catch (error) {
      // The CLI says the ledger failed; the server keeps trying.
      if (this.#mode === 'drain') throw error;
      logger.error('dispatcher round failed', { error });
      await clock.sleep(pollMs, this.#stop);
      return false;
    }
    const fresh = due.filter((delivery) => !this.#outstanding.has(delivery.id) && !this.#finished.has(delivery.id));
    // Less than asked for: this look saw everything due, and only a publish (or time) brings more. Nothing
    // new in a full page (deliveries due again at once): the same until then, rather than a look per turn.
    this.#dryAt = due.length < limit || fresh.length === 0 ? mark : undefined;
    for (const delivery of fresh) this.#outstanding.add(delivery.id);
    for (const item of workItems(fresh, dispatch.batches)) this.#work.push(item);
    return fresh.length > 0;
  }

  /**
   * Nothing new is due. Serving: wait, with every idle lane, for a publish or the poll interval, then
   * look again with a clean slate. Draining: the lane ends once no send is left that could make more due.
   */
  async #waitForWork(): Promise<boolean> {
    if (this.#mode === 'drain') {
      if (this.#inFlight === 0) return false;
      await new Promise<void>((resolve) => this.#sendEnded.push(resolve));
      this.#dryAt = undefined;
      return true;
    }
    this.#idle ??= this.#options.signal.next(this.#options.pollMs, this.#stop).then(() => {
      this.#idle = undefined;
      this.#dryAt = undefined;
      this.#finished.clear();
    });
    await this.#idle;
    return true;
  }

  async #send(ids: readonly string[]): Promise<void> {
    const { dispatch, logger } = this.#options;
    this.#inFlight++;
    try {
      await (ids.length === 1 ? dispatch.execute(ids[0]!) : dispatch.executeBatch(ids));
    } catch (error) {
      logger.error('dispatch failed', { deliveryIds: ids, error });
    } finally {
      this.#inFlight--;
      for (const id of ids) {
        this.#outstanding.delete(id);
        this.#finished.add(id);
      }
      if (this.#sendEnded.length > 0) {
        const waiting = this.#sendEnded;
        this.#sendEnded = [];
        for (const wake of waiting) wake();
      }
    }
  }
}

/** Each due delivery alone, or, with a batching provider, the WhatsApp deliveries of one event together. */
function workItems(due: readonly DueDelivery[], batches: boolean): string[][] {
  if (!batches) return due.map((delivery) => [delivery.id]);
  const groups = new Map<string, string[]>();
  for (const delivery of due) {
    const key = delivery.channel === 'whatsapp' ? `${delivery.job}\n${delivery.eventKey}` : `single\n${delivery.id}`;
    const group = groups.get(key) ?? [];
    group.push(delivery.id);
    groups.set(key, group);
  }
  return [...groups.values()].flatMap((ids) =>
    Array.from({ length: Math.ceil(ids.length / BATCH_LIMIT) }, (_, index) => ids.slice(index * BATCH_LIMIT, (index + 1) * BATCH_LIMIT)),
  );
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
