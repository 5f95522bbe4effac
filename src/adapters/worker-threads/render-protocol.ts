import type { OfflineReportPageOptions } from '../../application/ports/report-renderer.port.ts';
import type { PagePreview } from '../../domain/html/page-head.ts';
import type { NewsItem } from '../../domain/newsletter/news-item.ts';
import type { NewsletterStructure } from '../../domain/newsletter/newsletter-structure.ts';

/** What a render worker is asked to do: one parse of one page each. */
export type RenderTask =
  | { readonly kind: 'read-newsletter'; readonly html: string }
  | { readonly kind: 'newsletter-page'; readonly html: string; readonly preview: PagePreview }
  | { readonly kind: 'offline-report-page'; readonly html: string; readonly options: OfflineReportPageOptions }
  | { readonly kind: 'is-generated-page'; readonly html: string };

export interface NewsletterReadingAnswer {
  readonly title: string | null;
  readonly items: readonly NewsItem[];
  readonly structure: NewsletterStructure;
}

/** The limits a render worker applies itself before parsing (`workerData`). */
export interface RenderWorkerLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

export interface RenderRequest {
  readonly id: number;
  readonly task: RenderTask;
}

/** What a render worker posts once its module is loaded: an error before it is an outage, not a page's fault. */
export const RENDER_WORKER_READY = 'render-worker-ready';

/** `refused`: the page is over a limit or broke the renderer; the message that carried it fails with this reason. */
export type RenderAnswer =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly refused: string };
