import type { PagePreview } from '../../domain/html/page-head.ts';
import type { NewsItem } from '../../domain/newsletter/news-item.ts';
import type { NewsletterStructure } from '../../domain/newsletter/newsletter-structure.ts';

/** A newsletter parsed once: its news, and CVT's page of it built from the same parse. */
export interface NewsletterDocument {
  readonly title: string | null;
  readonly items: readonly NewsItem[];
  /** What was found of Meltwater's structure, to refuse a page that is not a newsletter. */
  readonly structure: NewsletterStructure;
  /** The newsletter made responsive, without Meltwater's unsubscribe paragraph, with CVT's title and preview. */
  page(preview: PagePreview): string;
}

export interface OfflineReportPageOptions {
  readonly title: string;
  readonly url: string;
  readonly headerImageUrl: string | null;
  readonly footerImageUrl: string | null;
  /** The link preview's image (`og:image`); the header image when absent. */
  readonly previewImageUrl?: string | null;
}

/**
 * Reads and rewrites report HTML by the domain's rules (news items, the HTML policy, CVT's page).
 * Every page it returns is sanitised: no script, no event handler, no `javascript:` link.
 */
export interface ReportRenderer {
  /** Reads the news at once; the page costs nothing until asked for, and a newsletter whose news did not change needs none. */
  readNewsletter(html: string): NewsletterDocument;
  /** The news sections of a CVT offline report inside CVT's responsive page. */
  offlineReportPage(html: string, options: OfflineReportPageOptions): string;
  /** True for a page this service produced, which must not be processed again. */
  isGeneratedPage(html: string): boolean;
}
