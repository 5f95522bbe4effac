import type { PagePreview } from '../../domain/html/page-head.ts';
import type { NewsItem } from '../../domain/newsletter/news-item.ts';
import type { NewsletterStructure } from '../../domain/newsletter/newsletter-structure.ts';
import type { Result } from '../../domain/shared/result.ts';
import type { OfflineReportPageOptions } from './report-renderer.port.ts';

/**
 * A page that could not be rendered within the limits (too big, nested too deep, too slow, too much
 * memory). The input will not get better by retrying: the message that carried it fails, with `reason`.
 */
export interface RenderRefused {
  readonly kind: 'render_refused';
  readonly reason: string;
  /** True when the page was not even tried for lack of time left (a Lambda invocation's budget): it may pass later. */
  readonly retryable?: boolean;
}

/** A newsletter read within the limits: its news now, its page (another bounded render) when asked. */
export interface BoundedNewsletterDocument {
  readonly title: string | null;
  readonly items: readonly NewsItem[];
  /** What was found of Meltwater's structure, to refuse a page that is not a newsletter. */
  readonly structure: NewsletterStructure;
  page(preview: PagePreview): Promise<Result<string, RenderRefused>>;
}

/**
 * The {@link ReportRenderer}'s work, done where no input can stall the caller: off the event loop, with a
 * time limit, a memory limit, a size limit and a nesting limit. Outages (a pool that is closed) throw.
 */
export interface BoundedReportRenderer {
  readNewsletter(html: string): Promise<Result<BoundedNewsletterDocument, RenderRefused>>;
  offlineReportPage(html: string, options: OfflineReportPageOptions): Promise<Result<string, RenderRefused>>;
  /** True for a page this service produced; a page that cannot even be read is not one of ours. */
  isGeneratedPage(html: string): Promise<boolean>;
}
