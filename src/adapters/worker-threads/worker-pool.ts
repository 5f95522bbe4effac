import { Worker } from 'node:worker_threads';
import type { RenderAnswer, RenderRequest, RenderTask } from './render-protocol.ts';

export interface WorkerPoolOptions {
  /** The worker's module: the built `render-worker.mjs`, or its TypeScript source when run from `src`. */
  readonly workerUrl: URL;
  readonly workerData: unknown;
  readonly threads: number;
  /** A task running longer ends its worker; the next task gets a new one. */
  readonly timeoutMs: number;
  /** The worker's heap (`resourceLimits`); a task that needs more ends its worker, not the process. */
  readonly memoryMb: number;
}

export type TaskOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly refused: string };

interface Job {
  readonly task: RenderTask;
  readonly settle: (outcome: TaskOutcome) => void;
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
    this.#slots = Array.from({ length: Math.max(1, options.threads) }, () => ({ worker: undefined, job: undefined, jobId: 0, timer: undefined }));
  }

  run(task: RenderTask): Promise<TaskOutcome> {
    if (this.#closed) return Promise.reject(new Error('the render pool is closed'));
    return new Promise((settle) => {
      this.#waiting.push({ task, settle });
      this.#pump();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#waiting.splice(0)) job.settle({ ok: false, refused: 'the service is stopping' });
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
    const worker = (slot.worker ??= this.#spawn(slot));
    worker.ref();
    slot.job = job;
    const id = this.#nextId++;
    const { timeoutMs } = this.#options;
    slot.timer = setTimeout(() => void this.#end(slot, `rendering took longer than ${timeoutMs} ms (RENDER_TIMEOUT_MS)`), timeoutMs);
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
    worker.on('message', (answer: RenderAnswer) => {
      if (slot.worker !== worker || slot.job === undefined || answer.id !== slot.jobId) return;
      this.#finish(slot, answer.ok ? { ok: true, value: answer.value } : { ok: false, refused: answer.refused });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `rendering needed more than ${memoryMb} MB (RENDER_MEMORY_MB)`
          : `rendering failed: ${error.message}`;
      void this.#end(slot, reason);
    });
    worker.on('exit', () => {
      if (slot.worker !== worker) return;
      void this.#end(slot, 'the render worker stopped');
    });
    return worker;
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
  async #end(slot: Slot, reason: string): Promise<void> {
    const worker = slot.worker;
    slot.worker = undefined;
    if (slot.job !== undefined) this.#finish(slot, { ok: false, refused: reason });
    if (worker !== undefined) await worker.terminate();
  }
}
