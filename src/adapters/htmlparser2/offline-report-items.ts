import { cloneNode, isTag, type AnyNode, type Document, type Element } from 'domhandler';
import { MIN_HEADLINE_LENGTH } from '../../domain/newsletter/news-item.ts';
import { NEWS_ITEM_CLASS, OFFLINE_REPORT_SECTIONS } from '../../domain/reports/offline-report-page.ts';
import { reportDateLine } from '../../domain/reports/report-date-line.ts';
import { collapseWhitespace } from '../../domain/shared/text.ts';
import { elementsWhere, removeNode, textContent } from './dom.ts';
import { parseHtmlFragment } from './html-document.ts';
import { innerHtml } from './html-serializer.ts';
import { sanitizeDocument } from './html-sanitizer.ts';
import { blockTexts } from './newsletter-items.ts';
import { readableType } from './readable-type.ts';
import { fluidLayout } from './responsive-layout.ts';

/** What a CVT offline report's page keeps of it: its date line, and its sections' news, each item set apart. */

/** Whether an element carries a section's class, as the class selector matches it (classes split at HTML's white space). */
export function isSectionElement(element: Element): boolean {
  const classes = (element.attribs['class'] ?? '').split(/[ \t\n\f\r]+/u);
  return OFFLINE_REPORT_SECTIONS.some(({ className }) => classes.includes(className));
}

/** The section an element opens; an element with several section classes belongs to the first in CVT's order. */
export function sectionOf(element: AnyNode): string | undefined {
  if (!isTag(element)) return undefined;
  const classes = (element.attribs['class'] ?? '').split(/\s+/u);
  return OFFLINE_REPORT_SECTIONS.find(({ className }) => classes.includes(className))?.className;
}

/** The report's "Sábado 21 de noviembre de 2026 · Cliente …" line, found among its texts outside the sections. */
export function dateLineOf(document: Document): string | null {
  const body = bodyOf(document);
  if (body === undefined) return null;
  const copy = cloneNode(body, true);
  for (const element of elementsWhere(copy, (inner) => isSectionElement(inner) || NOT_DATE_LINE.has(inner.name))) removeNode(element);
  return reportDateLine(blockTexts(copy));
}

const NOT_DATE_LINE: ReadonlySet<string> = new Set(['script', 'style', 'template']);

/** The document's first body element. */
export function bodyOf(document: Document): Element | undefined {
  return elementsWhere(document, (element) => element.name === 'body')[0];
}

export function cleanFragment(html: string): string {
  const fragment = parseHtmlFragment(html);
  const headlines = new Set(
    elementsWhere(fragment, (element) => element.name === 'a' && element.attribs['href'] !== undefined).filter(isHeadline),
  );
  const layout = fluidLayout();
  const type = readableType(headlines);
  sanitizeDocument(fragment, (element) => {
    layout(element);
    type(element);
  });
  const counts = headlineCounts(fragment, headlines);
  for (const headline of headlines) markNewsItem(headline, counts);
  return innerHtml(fragment);
}

export function isBlank(html: string): boolean {
  const fragment = parseHtmlFragment(html);
  return collapseWhitespace(textContent(fragment)) === '' && elementsWhere(fragment, (element) => element.name === 'img').length === 0;
}

function isHeadline(link: Element): boolean {
  return collapseWhitespace(textContent(link)).length >= MIN_HEADLINE_LENGTH;
}

/**
 * Marks the block of one news item (its headline, outlet, date, summary, image) so the page sets the
 * items apart: the widest element around the headline that holds no other headline. Table rows and
 * sections are never taken for it: the cell is, since only a cell's padding and border are drawn.
 */
function markNewsItem(headline: Element, headlinesIn: ReadonlyMap<AnyNode, number>): void {
  let block: Element = headline;
  for (let node = headline.parent; node !== null && isTag(node); node = node.parent) {
    if (/^(tr|tbody|thead|tfoot|table|section|body|html)$/u.test(node.name) || sectionOf(node) !== undefined) break;
    if ((headlinesIn.get(node) ?? 0) > 1) break;
    block = node;
  }
  if (block === headline) return;
  const classes = (block.attribs['class'] ?? '').split(/\s+/u).filter((name) => name !== '');
  if (!classes.includes(NEWS_ITEM_CLASS)) block.attribs['class'] = [...classes, NEWS_ITEM_CLASS].join(' ');
}

/** How many of the headlines each element holds, counted in one walk. */
function headlineCounts(root: AnyNode, headlines: ReadonlySet<Element>): Map<AnyNode, number> {
  const counts = new Map<AnyNode, number>();
  const visit = (node: AnyNode): number => {
    if (!('children' in node)) return 0;
    let count = isTag(node) && headlines.has(node) ? 1 : 0;
    for (const child of node.children) count += visit(child);
    counts.set(node, count);
    return count;
  };
  visit(root);
  return counts;
}
