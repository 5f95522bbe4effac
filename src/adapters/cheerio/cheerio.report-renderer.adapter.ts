import { load, type CheerioAPI } from 'cheerio';
import type { NewsletterDocument, OfflineReportPageOptions, ReportRenderer } from '../../application/ports/report-renderer.port.ts';
import { GENERATED_PAGE_MARKER, type PagePreview } from '../../domain/html/page-head.ts';
import { unwrapTrackingUrl } from '../../domain/meltwater/tracking-url.ts';
import { isUnsubscribeText, newsItemFromLink, type NewsItem } from '../../domain/newsletter/news-item.ts';
import { newsletterHead } from '../../domain/newsletter/newsletter-page.ts';
import { OFFLINE_REPORT_SECTIONS, renderOfflineReportPage, type ReportSection } from '../../domain/reports/offline-report-page.ts';
import { sanitizeDocument } from './html-sanitizer.ts';
import { makeFluid } from './responsive-layout.ts';

/** Text around a headline longer than this is a layout cell, not the headline's own block. */
const MAX_CONTEXT_LENGTH = 500;
/** A block around an unsubscribe link holding more text than this has other content worth keeping. */
const MAX_UNSUBSCRIBE_BLOCK_LENGTH = 300;

/** Reads and rewrites report HTML with cheerio (parse5, the HTML standard's parser, as browsers parse). */
export class CheerioReportRenderer implements ReportRenderer {
  readNewsletter(html: string): NewsletterDocument {
    const $ = load(html);
    const title = $('title').first().text().trim();
    const items = new Map<string, NewsItem>();
    $('a[href]').each((_, link) => {
      const context = $(link).closest('td, li, p, div').first().text();
      const item = newsItemFromLink(link.attribs['href'] ?? '', $(link).text(), context.length > MAX_CONTEXT_LENGTH ? null : context);
      if (item !== undefined && !items.has(item.url)) items.set(item.url, item);
    });
    return { title: title === '' ? null : title, items: [...items.values()] };
  }

  newsletterPage(html: string, preview: PagePreview): string {
    const $ = load(html);
    removeUnsubscribeBlocks($);
    $('a[href]').each((_, link) => {
      $(link).attr('href', unwrapTrackingUrl(link.attribs['href'] ?? ''));
    });
    sanitizeDocument($);
    makeFluid($);
    $('html').attr('lang', 'es');
    $('head').prepend(newsletterHead(preview));
    return `<!DOCTYPE html>\n${$.html($('html'))}`;
  }

  offlineReportPage(html: string, options: OfflineReportPageOptions): string {
    const $ = load(html);
    const sections: ReportSection[] = [];
    for (const { className, heading } of OFFLINE_REPORT_SECTIONS) {
      // A section nested in another one of the same class is already part of its outer element.
      const outermost = $(`.${className}`).filter((_, element) => $(element).parents(`.${className}`).length === 0);
      if (outermost.length > 0) sections.push({ heading, html: cleanFragment(outermost.toArray().map((element) => $.html(element)).join('\n')) });
    }
    if (sections.length === 0) {
      const body = $('body').html() ?? '';
      if (body.trim() !== '') sections.push({ heading: null, html: cleanFragment(body) });
    }
    return renderOfflineReportPage({ ...options, sections });
  }

  isGeneratedPage(html: string): boolean {
    return load(html)(`meta[name="generator"][content="${GENERATED_PAGE_MARKER}"]`).length > 0;
  }
}

function cleanFragment(html: string): string {
  const $ = load(html, null, false);
  sanitizeDocument($);
  makeFluid($);
  return $.html();
}

/** Meltwater's "To unsubscribe from this newsletter, Click Here" paragraph, whatever wraps it. */
function removeUnsubscribeBlocks($: CheerioAPI): void {
  $('a').each((_, link) => {
    const href = link.attribs['href'] ?? '';
    if (!isUnsubscribeText(href) && !isUnsubscribeText($(link).text())) return;
    const block = $(link).closest('p, td, li, div, tr');
    (block.length > 0 && block.text().length <= MAX_UNSUBSCRIBE_BLOCK_LENGTH ? block : $(link)).remove();
  });
}
