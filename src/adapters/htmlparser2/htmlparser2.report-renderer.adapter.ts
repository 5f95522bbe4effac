import { cloneNode, isTag, type Document, type Element } from 'domhandler';
import type { NewsletterDocument, OfflineReportPageOptions, ReportRenderer } from '../../application/ports/report-renderer.port.ts';
import { GENERATED_PAGE_MARKER } from '../../domain/html/page-head.ts';
import { OFFLINE_REPORT_SECTIONS, renderOfflineReportPage, type ReportSection } from '../../domain/reports/offline-report-page.ts';
import { elementsWhere, removeNode } from './dom.ts';
import { parseHtmlDocument } from './html-document.ts';
import { innerHtml, serializeHtml } from './html-serializer.ts';
import { readNewsletterItems } from './newsletter-items.ts';
import { newsletterPageHtml, rewriteNewsletter } from './newsletter-page.ts';
import { bodyOf, cleanFragment, dateLineOf, isBlank, isSectionElement, sectionOf } from './offline-report-items.ts';

/**
 * Reads and rewrites report HTML with htmlparser2 and domhandler's tree, shaped as the HTML standard's
 * parser shapes a page (parseHtmlDocument). `maxDepth` bounds the tree built (NestingTooDeepError).
 */
export class Htmlparser2ReportRenderer implements ReportRenderer {
  readonly #maxDepth: number;

  constructor(maxDepth = Number.POSITIVE_INFINITY) {
    this.#maxDepth = maxDepth;
  }

  readNewsletter(html: string): NewsletterDocument {
    // Parsed once: the page is rewritten from the same tree, once the news have been read from it.
    const document = parseHtmlDocument(html, this.#maxDepth);
    const read = readNewsletterItems(document);
    let rewritten = false;
    return {
      title: read.title === '' ? null : read.title,
      items: read.items,
      structure: read.structure,
      page: (preview) => {
        if (!rewritten) rewriteNewsletter(document, read);
        rewritten = true;
        return newsletterPageHtml(document, preview);
      },
    };
  }

  offlineReportPage(html: string, options: OfflineReportPageOptions): string {
    const document = parseHtmlDocument(html, this.#maxDepth);
    const sectionElements = elementsWhere(document, isSectionElement);
    const sections: ReportSection[] = [];
    for (const { className, heading } of OFFLINE_REPORT_SECTIONS) {
      const own = sectionElements.filter((element) => sectionOf(element) === className && enclosingSection(element) !== className);
      if (own.length === 0) continue;
      const parts = own.map((element) => {
        // A section of another kind inside this one is shown under its own heading, not twice.
        const copy = cloneNode(element, true);
        for (const inner of elementsWhere(copy, isSectionElement)) if (sectionOf(inner) !== className) removeNode(inner);
        return serializeHtml(copy);
      });
      const html = cleanFragment(parts.join('\n'));
      // A section CVT's generator left without notes would show a heading over nothing.
      if (!isBlank(html)) sections.push({ heading, html });
    }
    if (sections.length === 0) {
      const body = bodyOf(document);
      const bodyHtml = body === undefined ? '' : innerHtml(body);
      if (bodyHtml.trim() !== '') sections.push({ heading: null, html: cleanFragment(bodyHtml) });
    }
    return renderOfflineReportPage({
      ...options,
      previewImageUrl: options.previewImageUrl ?? options.headerImageUrl,
      dateLine: dateLineOf(document),
      sections,
    });
  }

  isGeneratedPage(html: string): boolean {
    return isGenerated(parseHtmlDocument(html, this.#maxDepth));
  }
}

function isGenerated(document: Document): boolean {
  return (
    elementsWhere(
      document,
      (element) =>
        element.name === 'meta' && element.attribs['name'] === 'generator' && element.attribs['content'] === GENERATED_PAGE_MARKER,
    ).length > 0
  );
}

/** The section an element sits in; one nested in a section of its own kind is already part of it. */
function enclosingSection(element: Element): string | undefined {
  for (let node = element.parent; node !== null; node = node.parent) if (isTag(node) && isSectionElement(node)) return sectionOf(node);
  return undefined;
}
