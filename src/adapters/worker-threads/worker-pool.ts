import { Worker } from 'node:worker_threads';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { RENDER_WORKER_READY, type RenderAnswer, type RenderRequest, type RenderTask } from './render-protocol.ts';

export interface WorkerPoolOptions {
  /** The worker's module: the built `render-worker.mjs`, or its TypeScript source when run from `src`. */
  readonly workerUrl: URL;
  readonly workerData: unknown;
  readonly threads: number;
  /** A task running longer ends its worker; the next task gets a new one. */
  readonly timeoutMs: number;
  /** The worker's heap (`resourceLimits`); a task that needs more ends its worker, not the process. */
  readonly memoryMb: number;
  /**
   * The time left to the caller (a Lambda invocation), if it has a budget: a task never runs past it, less
   * a margin to settle the message, so that the invocation itself is never cut short.
   */
  readonly remainingBudgetMs?: () => number | undefined;
}

/** Time an invocation keeps after the last render, to store a page and settle its messages. */
const BUDGET_MARGIN_MS = 5_000;
/** Less time than this left in the budget: the task is not started, and may be tried again later. */
const MIN_TASK_MS = 1_000;

/** The task's answer, or why its page was refused (`retryable`: not the page's fault, such as no time left). */
export type TaskOutcome = Result<unknown, { readonly refused: string; readonly retryable?: boolean }>;

interface Job {
  readonly task: RenderTask;
  readonly settle: (outcome: TaskOutcome) => void;
  /** An outage (the worker could not even start): no page is to blame. */
  readonly fail: (error: Error) => void;
}

interface Slot {
  worker: Worker | undefined;
  job: Job | undefined;
  jobId: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * A few worker threads that parse pages, so that no page can stall the event loop (the webhook, /healthz,
 * the dispatcher). Each task has a time limit and each worker a heap limit; a worker past either is
 * ended and its task refused with the reason. Idle workers do not keep the process alive.
 */
export class WorkerPool {
  readonly #options: WorkerPoolOptions;
  readonly #slots: Slot[];
  readonly #waiting: Job[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    this.#options = options;
    this.#slots = Array.from({ length: Math.max(1, options.threads) }, () => ({
      worker: undefined,
      job: undefined,
      jobId: 0,
      timer: undefined,
    }));
  }

  run(task: RenderTask): Promise<TaskOutcome> {
    if (this.#closed) return Promise.reject(new Error('the render pool is closed'));
    return new Promise((settle, fail) => {
      this.#waiting.push({ task, settle, fail });
      this.#pump();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#waiting.splice(0)) job.settle(err({ refused: 'the service is stopping' }));
    await Promise.all(this.#slots.map((slot) => this.#end(slot, 'the service is stopping')));
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (slot.job !== undefined) continue;
      const job = this.#waiting.shift();
      if (job === undefined) return;
      this.#start(slot, job);
    }
  }

  #start(slot: Slot, job: Job): void {
    const { timeoutMs } = this.#options;
    const budget = this.#options.remainingBudgetMs?.();
    const budgetMs = budget === undefined ? Number.POSITIVE_INFINITY : budget - BUDGET_MARGIN_MS;
    if (budgetMs < Math.min(timeoutMs, MIN_TASK_MS)) {
      job.settle(
        err({ refused: `no time left to render in this invocation (${Math.max(0, Math.round(budget ?? 0))} ms)`, retryable: true }),
      );
      return this.#pump();
    }
    const limitMs = Math.min(timeoutMs, budgetMs);
    const reason =
      limitMs < timeoutMs
        ? { refused: `rendering would outlast this invocation (${Math.round(limitMs)} ms left for it)`, retryable: true }
        : { refused: `rendering took longer than ${timeoutMs} ms (RENDER_TIMEOUT_MS)` };
    const worker = (slot.worker ??= this.#spawn(slot));
    worker.ref();
    slot.job = job;
    const id = this.#nextId++;
    slot.timer = setTimeout(() => void this.#end(slot, reason.refused, 'retryable' in reason), limitMs);
    slot.jobId = id;
    worker.postMessage({ id, task: job.task } satisfies RenderRequest);
  }

  #spawn(slot: Slot): Worker {
    const { workerUrl, workerData, memoryMb } = this.#options;
    const worker = new Worker(workerUrl, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.max(8, Math.round(memoryMb / 8)) },
      stdout: false,
      stderr: false,
    });
    let ready = false;
    worker.on('message', (answer: RenderAnswer | typeof RENDER_WORKER_READY) => {
      if (answer === RENDER_WORKER_READY) {
        ready = true;
        return;
      }
      if (slot.worker !== worker || slot.job === undefined || answer.id !== slot.jobId) return;
      this.#finish(slot, answer.ok ? ok(answer.value) : err({ refused: answer.refused }));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      if (!ready) return this.#failToStart(slot, error);
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `rendering needed more than ${memoryMb} MB (RENDER_MEMORY_MB)`
          : `rendering failed: ${error.message}`;
      void this.#end(slot, reason);
    });
    worker.on('exit', (code) => {
      if (slot.worker !== worker) return;
      if (!ready) return this.#failToStart(slot, new Error(`the render worker exited with ${code} before it was ready`));
      void this.#end(slot, 'the render worker stopped');
    });
    return worker;
  }

  /** A worker that cannot start (its module missing or broken) fails its task as an outage: retried, never blamed on the page. */
  #failToStart(slot: Slot, cause: Error): void {
    const worker = slot.worker;
    slot.worker = undefined;
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    slot.timer = undefined;
    job?.fail(new Error(`the render worker ${this.#options.workerUrl.href} could not start: ${cause.message}`, { cause }));
    void worker?.terminate();
    this.#pump();
  }

  #finish(slot: Slot, outcome: TaskOutcome): void {
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    slot.timer = undefined;
    slot.worker?.unref();
    job?.settle(outcome);
    this.#pump();
  }

  /** Ends the slot's worker; its task, if any, is refused with `reason`. */
  async #end(slot: Slot, reason: string, retryable = false): Promise<void> {
    const worker = slot.worker;
    slot.worker = undefined;
    if (slot.job !== undefined) this.#finish(slot, err(retryable ? { refused: reason, retryable } : { refused: reason }));
    if (worker !== undefined) await worker.terminate();
  }
}
