import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { NewsletterDocument, OfflineReportPageOptions, ReportRenderer } from '../../application/ports/report-renderer.port.ts';
import { GENERATED_PAGE_MARKER } from '../../domain/html/page-head.ts';
import { OFFLINE_REPORT_SECTIONS, renderOfflineReportPage, type ReportSection } from '../../domain/reports/offline-report-page.ts';
import { readNewsletterItems } from './newsletter-items.ts';
import { newsletterPageHtml, rewriteNewsletter } from './newsletter-page.ts';
import { cleanFragment, dateLineOf, isBlank, SECTION_SELECTOR, sectionOf } from './offline-report-items.ts';

/** Reads and rewrites report HTML with cheerio (parse5, the HTML standard's parser, as browsers parse). */
export class CheerioReportRenderer implements ReportRenderer {
  readNewsletter(html: string): NewsletterDocument {
    // Parsed once: the page is rewritten from the same tree, once the news have been read from it.
    const $ = load(html);
    const read = readNewsletterItems($.root().get(0)!);
    let rewritten = false;
    return {
      title: read.title === '' ? null : read.title,
      items: read.items,
      structure: read.structure,
      page: (preview) => {
        if (!rewritten) rewriteNewsletter($, read);
        rewritten = true;
        return newsletterPageHtml($, preview);
      },
    };
  }

  offlineReportPage(html: string, options: OfflineReportPageOptions): string {
    const $ = load(html);
    const sections: ReportSection[] = [];
    for (const { className, heading } of OFFLINE_REPORT_SECTIONS) {
      const own = $(SECTION_SELECTOR).filter(
        (_, element) => sectionOf(element) === className && enclosingSection($, element) !== className,
      );
      if (own.length === 0) continue;
      const parts = own.toArray().map((element) => {
        // A section of another kind inside this one is shown under its own heading, not twice.
        const copy = $(element).clone();
        copy
          .find(SECTION_SELECTOR)
          .filter((_, inner) => sectionOf(inner) !== className)
          .remove();
        return $.html(copy);
      });
      const html = cleanFragment(parts.join('\n'));
      // A section CVT's generator left without notes would show a heading over nothing.
      if (!isBlank(html)) sections.push({ heading, html });
    }
    if (sections.length === 0) {
      const body = $('body').html() ?? '';
      if (body.trim() !== '') sections.push({ heading: null, html: cleanFragment(body) });
    }
    return renderOfflineReportPage({
      ...options,
      previewImageUrl: options.previewImageUrl ?? options.headerImageUrl,
      dateLine: dateLineOf($),
      sections,
    });
  }

  isGeneratedPage(html: string): boolean {
    return load(html)(`meta[name="generator"][content="${GENERATED_PAGE_MARKER}"]`).length > 0;
  }
}

/** The section an element sits in; one nested in a section of its own kind is already part of it. */
function enclosingSection($: CheerioAPI, element: AnyNode): string | undefined {
  const outer = $(element).parent().closest(SECTION_SELECTOR).get(0);
  return outer === undefined ? undefined : sectionOf(outer);
}
