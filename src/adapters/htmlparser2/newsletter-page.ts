import { isTag, type Document, type Element } from 'domhandler';
import type { PagePreview } from '../../domain/html/page-head.ts';
import { MIN_HEADLINE_LENGTH } from '../../domain/newsletter/news-item.ts';
import { isTrackingPixel, newsletterHead } from '../../domain/newsletter/newsletter-page.ts';
import { elementsWhere, prependChildren, removeNode, textContent } from './dom.ts';
import { parseHtmlFragment } from './html-document.ts';
import { serializeHtml } from './html-serializer.ts';
import { sanitizeDocument } from './html-sanitizer.ts';
import type { NewsletterReading } from './newsletter-items.ts';
import { readableType } from './readable-type.ts';
import { fluidLayout } from './responsive-layout.ts';

/** A block around a frame link holding more text than this has other content worth keeping. */
const MAX_FRAME_BLOCK_LENGTH = 300;
/** What may hold Meltwater's unsubscribe paragraph or its "view in your browser" bar. */
const FRAME_BLOCKS: ReadonlySet<string> = new Set(['p', 'td', 'li', 'div', 'tr']);

/**
 * Rewrites a parsed newsletter, in place, into the body of CVT's page: without the e-mail's frame
 * (unsubscribe paragraph, "view in your browser" bar, forward and preferences links), open pixels and
 * tracking redirects, sanitised, made fluid, its type readable on a phone, in Spanish. `read` is what
 * reading found in it before: its links, as the rules judged them, and its images.
 */
export function rewriteNewsletter(document: Document, read: Pick<NewsletterReading, 'links' | 'images'>): void {
  // The links were judged on the untouched newsletter: removing a block detaches the link at hand or
  // one of its ancestors, and never changes the href or the text of a link still ahead. Blocks are
  // measured as they stand, in document order. Images hold no text: removing them last changes no
  // block's length. What was detached is never rendered, whatever happens to it.
  for (const [element, link] of read.links) {
    if (link.mailFrame) removeFrameBlock(element);
    else if (element.attribs['href'] !== undefined) element.attribs['href'] = link.target;
  }
  for (const image of read.images) {
    if (isTrackingPixel(image.attribs['src'] ?? '', image.attribs['width'], image.attribs['height'])) removeNode(image);
  }
  const headlines = new Set(
    [...read.links].filter(([, link]) => link.leadsToArticle && link.text.length >= MIN_HEADLINE_LENGTH).map(([element]) => element),
  );
  const layout = fluidLayout();
  const type = readableType(headlines);
  sanitizeDocument(document, (element) => {
    layout(element);
    type(element);
  });
  for (const html of htmlElements(document)) html.attribs['lang'] = 'es';
}

/** The rewritten newsletter with CVT's head; the document is left as it was, ready for another preview. */
export function newsletterPageHtml(document: Document, preview: PagePreview): string {
  const htmls = htmlElements(document);
  const heads = htmls.flatMap((html) => html.children.filter((child): child is Element => isTag(child) && child.name === 'head'));
  const added = heads.map((head) => {
    const nodes = [...parseHtmlFragment(newsletterHead(preview)).children];
    prependChildren(head, nodes);
    return nodes;
  });
  const page = `<!DOCTYPE html>\n${serializeHtml(htmls)}`;
  for (const node of added.flat()) removeNode(node);
  return page;
}

/** A parsed document has one html element, at its root, and one head in it (parseHtmlDocument). */
function htmlElements(document: Document): Element[] {
  return document.children.filter((child): child is Element => isTag(child) && child.name === 'html');
}

/**
 * Meltwater's "To unsubscribe from this newsletter, Click Here" paragraph, or its "¿No puede ver este
 * correo? Véalo en su navegador" bar, whatever wraps it; a row left with nothing to show goes too.
 */
function removeFrameBlock(link: Element): void {
  let block: Element | undefined;
  for (let node = link.parent; node !== null && isTag(node); node = node.parent) {
    if (FRAME_BLOCKS.has(node.name)) {
      block = node;
      break;
    }
  }
  if (block === undefined || textContent(block).length > MAX_FRAME_BLOCK_LENGTH) {
    removeNode(link);
    return;
  }
  const row = block.name === 'td' ? block.parent : null;
  removeNode(block);
  if (row !== null && isTag(row) && row.name === 'tr' && textContent(row).trim() === '' && !hasImage(row)) removeNode(row);
}

function hasImage(element: Element): boolean {
  return elementsWhere(element, (inner) => inner.name === 'img').length > 0;
}
