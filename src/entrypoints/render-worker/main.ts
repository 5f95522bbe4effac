import { parentPort, workerData } from 'node:worker_threads';
import { Htmlparser2BoundedReportRenderer } from '../../adapters/htmlparser2/htmlparser2.bounded-report-renderer.adapter.ts';
import {
  RENDER_WORKER_READY,
  type NewsletterReadingAnswer,
  type RenderAnswer,
  type RenderRequest,
  type RenderTask,
  type RenderWorkerLimits,
} from '../../adapters/worker-threads/render-protocol.ts';

/**
 * A render worker (see adapters/worker-threads): parses one page per request, in its own thread and heap,
 * with the htmlparser2 renderer behind the size and nesting limits, and answers with the result or the reason.
 */
const renderer = new Htmlparser2BoundedReportRenderer(workerData as RenderWorkerLimits);

async function perform(task: RenderTask): Promise<{ ok: true; value: unknown } | { ok: false; refused: string }> {
  switch (task.kind) {
    case 'read-newsletter': {
      const read = await renderer.readNewsletter(task.html);
      return read.ok
        ? {
            ok: true,
            value: { title: read.value.title, items: read.value.items, structure: read.value.structure } satisfies NewsletterReadingAnswer,
          }
        : { ok: false, refused: read.error.reason };
    }
    case 'newsletter-page': {
      const read = await renderer.readNewsletter(task.html);
      if (!read.ok) return { ok: false, refused: read.error.reason };
      const page = await read.value.page(task.preview);
      return page.ok ? { ok: true, value: page.value } : { ok: false, refused: page.error.reason };
    }
    case 'offline-report-page': {
      const page = await renderer.offlineReportPage(task.html, task.options);
      return page.ok ? { ok: true, value: page.value } : { ok: false, refused: page.error.reason };
    }
    case 'is-generated-page':
      return { ok: true, value: await renderer.isGeneratedPage(task.html) };
  }
}

parentPort?.on('message', (request: RenderRequest) => {
  void perform(request.task)
    .catch((error: unknown) => ({
      ok: false as const,
      refused: `rendering failed: ${error instanceof Error ? error.message : String(error)}`,
    }))
    .then((outcome) => parentPort?.postMessage({ id: request.id, ...outcome } satisfies RenderAnswer));
});
parentPort?.postMessage(RENDER_WORKER_READY);
