import { hasChildren, isDocument, isTag, isText, type AnyNode, type Document, type Element, type ParentNode } from 'domhandler';
import { MIN_HEADLINE_LENGTH, newsItemOf, newsletterLink, type NewsItem, type NewsletterLink } from '../../domain/newsletter/news-item.ts';
import { isOnMeltwater, type NewsletterStructure } from '../../domain/newsletter/newsletter-structure.ts';
import { collapseWhitespace } from '../../domain/shared/text.ts';
import { textContent } from './dom.ts';

/** Elements whose edges separate one text from the next (cells, lines); inline ones do not. */
const TEXT_BOUNDARIES: ReadonlySet<string> = new Set([
  ...'td th tr table tbody thead tfoot p div li ul ol dl dt dd br hr center'.split(' '),
  ...'h1 h2 h3 h4 h5 h6 blockquote section article header footer'.split(' '),
]);

/** Text inside these is never what a reader sees next to a headline. */
const NOT_CONTEXT: ReadonlySet<string> = new Set(['a', 'script', 'style', 'noscript', 'template', 'title']);

export interface NewsletterReading {
  readonly title: string;
  readonly items: readonly NewsItem[];
  /** Every link as the rules judged it, in document order, for the page to use rather than judge again. */
  readonly links: ReadonlyMap<Element, NewsletterLink>;
  /** Every image, in document order. */
  readonly images: readonly Element[];
  readonly structure: NewsletterStructure;
}

/** The title and the news items of a parsed newsletter, which it leaves untouched. */
export function readNewsletterItems(root: Document): NewsletterReading {
  const found = scan(root);
  const items = new Map<string, NewsItem>();
  for (const element of found.bodyLinks) {
    const item = newsItemOf(found.links.get(element)!, itemContext(element, found.crowded));
    // Keyed by headline too: links behind a redirect we cannot peel all share one URL, and must
    // not collapse into a single item that hides every other headline from the fingerprint.
    const key = item === undefined ? '' : `${item.url}\t${item.headline.toLowerCase()}`;
    if (item !== undefined && !items.has(key)) items.set(key, item);
  }
  const title = found.title === undefined ? '' : collapseWhitespace(textContent(found.title));
  const structure: NewsletterStructure = {
    layoutTables: found.bodyTables,
    meltwaterReferences: found.meltwaterReferences,
    newsItems: items.size,
  };
  return { title, items: [...items.values()], links: found.links, images: found.images, structure };
}

interface Scan {
  title: Element | undefined;
  readonly links: Map<Element, NewsletterLink>;
  readonly images: Element[];
  /** The links inside the body (`body a[href]`), in document order. */
  readonly bodyLinks: Element[];
  /** The elements that hold more than one headline link: layout, never a single item's block. */
  readonly crowded: Set<Element>;
  bodyTables: number;
  meltwaterReferences: number;
}

/** One walk instead of a query per link and per ancestor, which made reading quadratic in the links of a table. */
function scan(root: Document): Scan {
  const found: Scan = {
    title: undefined,
    links: new Map(),
    images: [],
    bodyLinks: [],
    crowded: new Set(),
    bodyTables: 0,
    meltwaterReferences: 0,
  };
  // Like a CSS descendant combinator, "inside the body" follows element parents only: template contents are out.
  const visit = (parent: ParentNode, inBody: boolean): number => {
    let headlines = 0;
    for (const node of parent.children) {
      if (isTag(node)) {
        if (node.name === 'title') found.title ??= node;
        if (node.name === 'img') {
          found.images.push(node);
          if (inBody && isOnMeltwater(node.attribs['src'] ?? '')) found.meltwaterReferences++;
        }
        if (node.name === 'table' && inBody) found.bodyTables++;
        if (node.name === 'a') {
          const href = node.attribs['href'];
          if (inBody && href !== undefined && isOnMeltwater(href)) found.meltwaterReferences++;
          const link = newsletterLink(href ?? '', textContent(node));
          found.links.set(node, link);
          if (href !== undefined && inBody) found.bodyLinks.push(node);
          if (href !== undefined && link.text.length >= MIN_HEADLINE_LENGTH) headlines++;
        }
        // The standard's parser reads a noscript's content as text (scripts on), and keeps a template's
        // content apart, outside the body.
        if (node.name === 'noscript') continue;
        const below = visit(node, node.name !== 'template' && (inBody || node.name === 'body'));
        if (below > 1) found.crowded.add(node);
        headlines += below;
      } else if (hasChildren(node)) {
        headlines += visit(node, false);
      }
    }
    return headlines;
  };
  visit(root, false);
  return found;
}

/**
 * The texts of a headline's own item block, without the headline: the source and date cells of its
 * row, or the line under it. The block is the nearest ancestor holding any other text, as long as it
 * holds no other headline; a layout table around several items is never taken for one item.
 */
function itemContext(link: Element, crowded: ReadonlySet<Element>): string[] | null {
  for (let ancestor = link.parent; ancestor !== null && !isDocument(ancestor); ancestor = ancestor.parent) {
    if (!isTag(ancestor) || ancestor.tagName === 'body' || ancestor.tagName === 'html') return null;
    if (crowded.has(ancestor)) return null;
    const texts = blockTexts(ancestor);
    if (texts.length > 0) return texts;
  }
  return null;
}

/** Text split at cell and line edges; text inside links (the headline, "Leer más") is not context. */
export function blockTexts(root: Element): string[] {
  const texts: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current === '') return;
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
