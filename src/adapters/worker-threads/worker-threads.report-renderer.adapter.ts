import type {
  BoundedNewsletterDocument,
  BoundedReportRenderer,
  RenderRefused,
} from '../../application/ports/bounded-report-renderer.port.ts';
import type { OfflineReportPageOptions } from '../../application/ports/report-renderer.port.ts';
import type { PagePreview } from '../../domain/html/page-head.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import type { NewsletterReadingAnswer, RenderTask, RenderWorkerLimits } from './render-protocol.ts';
import { WorkerPool, type WorkerPoolOptions } from './worker-pool.ts';

export interface WorkerThreadsRendererOptions extends Omit<WorkerPoolOptions, 'workerData'> {
  readonly limits: RenderWorkerLimits;
}

/**
 * Renders in a pool of worker threads (see {@link WorkerPool}). A page over the size limit is refused
 * here, before it is copied to a worker; the worker refuses one nested too deep before parsing it.
 */
export class WorkerThreadsReportRenderer implements BoundedReportRenderer {
  readonly #pool: WorkerPool;
  readonly #maxBytes: number;

  constructor(options: WorkerThreadsRendererOptions) {
    this.#pool = new WorkerPool({ ...options, workerData: options.limits satisfies RenderWorkerLimits });
    this.#maxBytes = options.limits.maxBytes;
  }

  async readNewsletter(html: string): Promise<Result<BoundedNewsletterDocument, RenderRefused>> {
    const read = await this.#run<NewsletterReadingAnswer>({ kind: 'read-newsletter', html });
    if (!read.ok) return read;
    // The page is another parse in a worker: a parsed document cannot cross threads, and most runs need no page.
    const page = (preview: PagePreview) => this.#run<string>({ kind: 'newsletter-page', html, preview });
    return ok({ title: read.value.title, items: read.value.items, structure: read.value.structure, page });
  }

  offlineReportPage(html: string, options: OfflineReportPageOptions): Promise<Result<string, RenderRefused>> {
    return this.#run<string>({ kind: 'offline-report-page', html, options });
  }

  async isGeneratedPage(html: string): Promise<boolean> {
    const answer = await this.#run<boolean>({ kind: 'is-generated-page', html });
    return answer.ok && answer.value;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  async #run<T>(task: RenderTask): Promise<Result<T, RenderRefused>> {
    if (task.html.length * 3 > this.#maxBytes && Buffer.byteLength(task.html, 'utf8') > this.#maxBytes) {
      return err({ kind: 'render_refused', reason: `the page is larger than ${this.#maxBytes} bytes (HTML_MAX_BYTES)` });
    }
    const outcome = await this.#pool.run(task);
    if (outcome.ok) return ok(outcome.value as T);
    return err(
      outcome.error.retryable === true
        ? { kind: 'render_refused', reason: outcome.error.refused, retryable: true }
        : { kind: 'render_refused', reason: outcome.error.refused },
    );
  }
}
