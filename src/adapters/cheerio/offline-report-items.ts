import { load, type CheerioAPI } from 'cheerio';
import { isTag, type AnyNode, type Element } from 'domhandler';
import { MIN_HEADLINE_LENGTH } from '../../domain/newsletter/news-item.ts';
import { NEWS_ITEM_CLASS, OFFLINE_REPORT_SECTIONS } from '../../domain/reports/offline-report-page.ts';
import { reportDateLine } from '../../domain/reports/report-date-line.ts';
import { collapseWhitespace } from '../../domain/shared/text.ts';
import { textContent } from './dom.ts';
import { sanitizeDocument } from './html-sanitizer.ts';
import { blockTexts } from './newsletter-items.ts';
import { readableType } from './readable-type.ts';
import { fluidLayout } from './responsive-layout.ts';

/** What a CVT offline report's page keeps of it: its date line, and its sections' news, each item set apart. */

export const SECTION_SELECTOR = OFFLINE_REPORT_SECTIONS.map(({ className }) => `.${className}`).join(', ');

/** The section an element opens; an element with several section classes belongs to the first in CVT's order. */
export function sectionOf(element: AnyNode): string | undefined {
  if (!isTag(element)) return undefined;
  const classes = (element.attribs['class'] ?? '').split(/\s+/u);
  return OFFLINE_REPORT_SECTIONS.find(({ className }) => classes.includes(className))?.className;
}

/** The report's "Sábado 21 de noviembre de 2026 · Cliente …" line, found among its texts outside the sections. */
export function dateLineOf($: CheerioAPI): string | null {
  const body = $('body').first().clone();
  body.find(`${SECTION_SELECTOR}, script, style, template`).remove();
  const element = body.get(0);
  return element === undefined ? null : reportDateLine(blockTexts(element));
}

export function cleanFragment(html: string): string {
  const $ = load(html, null, false);
  const headlines = new Set($('a[href]').toArray().filter(isHeadline));
  const layout = fluidLayout($);
  const type = readableType($, headlines);
  sanitizeDocument($, (element) => {
    layout(element);
    type(element);
  });
  const counts = headlineCounts($.root().get(0)!, headlines);
  for (const headline of headlines) markNewsItem(headline, counts);
  return $.html();
}

export function isBlank(html: string): boolean {
  const $ = load(html, null, false);
  return collapseWhitespace($.root().text()) === '' && $('img').length === 0;
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
