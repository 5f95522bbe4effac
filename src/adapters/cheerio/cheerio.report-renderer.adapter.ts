import { load, type CheerioAPI } from 'cheerio';
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import type { NewsletterDocument, OfflineReportPageOptions, ReportRenderer } from '../../application/ports/report-renderer.port.ts';
import { GENERATED_PAGE_MARKER, type PagePreview } from '../../domain/html/page-head.ts';
import { unwrapTrackingUrl } from '../../domain/meltwater/tracking-url.ts';
import { isUnsubscribeLink, MIN_HEADLINE_LENGTH, newsItemFromLink, type NewsItem } from '../../domain/newsletter/news-item.ts';
import { isTrackingPixel, newsletterHead } from '../../domain/newsletter/newsletter-page.ts';
import { OFFLINE_REPORT_SECTIONS, renderOfflineReportPage, type ReportSection } from '../../domain/reports/offline-report-page.ts';
import { collapseWhitespace } from '../../domain/shared/text.ts';
import { sanitizeDocument } from './html-sanitizer.ts';
import { makeFluid } from './responsive-layout.ts';

/** A block around an unsubscribe link holding more text than this has other content worth keeping. */
const MAX_UNSUBSCRIBE_BLOCK_LENGTH = 300;
/** Elements whose edges separate one text from the next (cells, lines); inline ones do not. */
const TEXT_BOUNDARIES: ReadonlySet<string> = new Set([
  ...'td th tr table tbody thead tfoot p div li ul ol dl dt dd br hr center'.split(' '),
  ...'h1 h2 h3 h4 h5 h6 blockquote section article header footer'.split(' '),
]);

/** Text inside these is never what a reader sees next to a headline. */
const NOT_CONTEXT: ReadonlySet<string> = new Set(['a', 'script', 'style', 'noscript', 'template', 'title']);

/** Reads and rewrites report HTML with cheerio (parse5, the HTML standard's parser, as browsers parse). */
export class CheerioReportRenderer implements ReportRenderer {
  readNewsletter(html: string): NewsletterDocument {
    const $ = load(html);
    const title = collapseWhitespace($('title').first().text());
    const items = new Map<string, NewsItem>();
    $('body a[href]').each((_, link) => {
      const item = newsItemFromLink(link.attribs['href'] ?? '', $(link).text(), itemContext($, link));
      // Keyed by headline too: links behind a redirect we cannot peel all share one URL, and must
      // not collapse into a single item that hides every other headline from the fingerprint.
      const key = item === undefined ? '' : `${item.url}\t${item.headline.toLowerCase()}`;
      if (item !== undefined && !items.has(key)) items.set(key, item);
    });
    return { title: title === '' ? null : title, items: [...items.values()] };
  }

  newsletterPage(html: string, preview: PagePreview): string {
    const $ = load(html);
    removeUnsubscribeBlocks($);
    $('img').each((_, image) => {
      if (isTrackingPixel(image.attribs['src'] ?? '', image.attribs['width'], image.attribs['height'])) $(image).remove();
    });
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
      sections.push({ heading, html: cleanFragment(parts.join('\n')) });
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

const SECTION_SELECTOR = OFFLINE_REPORT_SECTIONS.map(({ className }) => `.${className}`).join(', ');

/** The section an element opens; an element with several section classes belongs to the first in CVT's order. */
function sectionOf(element: AnyNode): string | undefined {
  if (!isTag(element)) return undefined;
  const classes = (element.attribs['class'] ?? '').split(/\s+/u);
  return OFFLINE_REPORT_SECTIONS.find(({ className }) => classes.includes(className))?.className;
}

/** The section an element sits in; one nested in a section of its own kind is already part of it. */
function enclosingSection($: CheerioAPI, element: AnyNode): string | undefined {
  const outer = $(element).parent().closest(SECTION_SELECTOR).get(0);
  return outer === undefined ? undefined : sectionOf(outer);
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
    if (!isUnsubscribeLink(link.attribs['href'] ?? '', $(link).text())) return;
    const block = $(link).closest('p, td, li, div, tr');
    (block.length > 0 && block.text().length <= MAX_UNSUBSCRIBE_BLOCK_LENGTH ? block : $(link)).remove();
  });
}

/**
 * The texts of a headline's own item block, without the headline: the source and date cells of its
 * row, or the line under it. The block is the nearest ancestor holding any other text, as long as it
 * holds no other headline; a layout table around several items is never taken for one item.
 */
function itemContext($: CheerioAPI, link: Element): string[] | null {
  for (const ancestor of $(link).parents().toArray()) {
    if (ancestor.tagName === 'body' || ancestor.tagName === 'html') return null;
    if (headlineLinks($, ancestor) > 1) return null;
    const texts = blockTexts(ancestor);
    if (texts.length > 0) return texts;
  }
  return null;
}

function headlineLinks($: CheerioAPI, element: Element): number {
  return $(element)
    .find('a[href]')
    .filter((_, link) => collapseWhitespace($(link).text()).length >= MIN_HEADLINE_LENGTH).length;
}

/** Text split at cell and line edges; text inside links (the headline, "Leer más") is not context. */
function blockTexts(root: Element): string[] {
  const texts: string[] = [];
  let current = '';
  const flush = (): void => {
    const text = collapseWhitespace(current);
    if (text !== '') texts.push(text);
    current = '';
  };
  const walk = (node: AnyNode): void => {
    if (isText(node)) {
      current += node.data;
    } else if (isTag(node)) {
      const name = node.tagName.toLowerCase();
      if (NOT_CONTEXT.has(name)) return;
      const boundary = TEXT_BOUNDARIES.has(name);
      if (boundary) flush();
      for (const child of node.children) walk(child);
      if (boundary) flush();
    }
  };
  for (const child of root.children) walk(child);
  flush();
  return texts;
}
