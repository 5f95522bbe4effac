import { WorkerThreadsReportRenderer } from '../../../adapters/worker-threads/worker-threads.report-renderer.adapter.ts';
import { renderWorkerUrl } from '../../render-worker/location.ts';
import type { AppConfig } from '../load-config.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

export interface RendererOptions {
  /** The time left to a Lambda invocation: no render runs past it. */
  readonly remainingBudgetMs?: () => number | undefined;
}

/** Reading newsletters and writing report pages: htmlparser2, in worker threads, within the render limits. */
export const rendererModule =
  (options: RendererOptions = {}): ContainerModule<ServiceMap> =>
  ({ bind, onDeactivation }) => {
    bind('reportRenderer').toResolvedValue(
      (config: AppConfig) =>
        new WorkerThreadsReportRenderer({
          workerUrl: renderWorkerUrl(),
          threads: config.RENDER_THREADS,
          timeoutMs: config.RENDER_TIMEOUT_MS,
          memoryMb: config.RENDER_MEMORY_MB,
          limits: { maxBytes: config.HTML_MAX_BYTES, maxDepth: config.HTML_MAX_DEPTH },
          ...(options.remainingBudgetMs === undefined ? {} : { remainingBudgetMs: options.remainingBudgetMs }),
        }),
      ['config'],
    );
    onDeactivation('reportRenderer', async (renderer) => {
      if (renderer instanceof WorkerThreadsReportRenderer) await renderer.close();
    });
  };
