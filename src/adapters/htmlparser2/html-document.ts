import { DomHandler, Element, isCDATA, isComment, isDirective, isTag, isText, type AnyNode, type ChildNode, type Document, type ParentNode } from 'domhandler';
import { Parser } from 'htmlparser2';
import { appendChildren, isWhitespace, prependChildren } from './dom.ts';

/** A page nested deeper than the limit it was parsed with; no tree is built past it. */
export class NestingTooDeepError extends Error {
  readonly maxDepth: number;

  constructor(maxDepth: number) {
    super(`the page nests elements more than ${maxDepth} levels deep`);
    this.name = 'NestingTooDeepError';
    this.maxDepth = maxDepth;
  }
}

/**
 * Builds the tree and stops at the depth limit. The pre-parse count (nesting-depth.ts) follows the HTML
 * standard's parser; htmlparser2 recovers from some broken markup by nesting instead (a table row opened
 * inside a cell's block), and every walk of the tree recurses: the tree itself is held to the limit too.
 */
class DepthBoundedHandler extends DomHandler {
  readonly #maxDepth: number;

  constructor(maxDepth: number) {
    super();
    this.#maxDepth = maxDepth;
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    // The stack holds the document itself below the open elements.
    if (this.tagStack.length - 1 > this.#maxDepth) throw new NestingTooDeepError(this.#maxDepth);
  }
}

function parse(html: string, maxDepth: number): Document {
  const handler = new DepthBoundedHandler(maxDepth);
  new Parser(handler, { decodeEntities: true }).end(html);
  return handler.root;
}

/**
 * A whole page, parsed with htmlparser2 (several times faster than parse5 and a third of its code) and
 * given the shape the HTML standard's parser always gives one: a single `html` element at the root with
 * a `head` and a `body`, head elements before the body in the head and everything else in the body.
 * htmlparser2 builds only what the markup says; the page's head (CVT's title and preview) and the
 * readers' notion of "in the body" need that shape whatever the markup omits.
 */
export function parseHtmlDocument(html: string, maxDepth = Number.POSITIVE_INFINITY): Document {
  const document = parse(html, maxDepth);
  const roots = document.children;
  let root = roots.find((node): node is Element => isTag(node) && node.name === 'html');
  if (root === undefined) {
    root = new Element('html', {});
    appendChildren(root, roots.filter((node) => node.type !== 'directive'));
    appendChildren(document, [root]);
  }
  // What stands at the root beside the html element (text before it, a second html element) goes into its body.
  const before: ChildNode[] = [];
  const after: ChildNode[] = [];
  let seen = false;
  for (const node of [...roots]) {
    if (node === root) seen = true;
    // White space before the html element is dropped by the standard's parser; after it, it goes into the body.
    else if (node.type !== 'directive' && !(isText(node) && isWhitespace(node.data) && !seen)) (seen ? after : before).push(node);
  }
  shapeHtmlElement(root, before, after);
  return document;
}

const HEAD_ELEMENTS: ReadonlySet<string> = new Set(['base', 'link', 'meta', 'noscript', 'script', 'style', 'template', 'title']);

function shapeHtmlElement(root: Element, before: readonly ChildNode[], after: readonly ChildNode[]): void {
  const siblings = [...root.children];
  let head = siblings.find((node): node is Element => isTag(node) && node.name === 'head');
  let body = siblings.find((node): node is Element => isTag(node) && node.name === 'body');
  if (head === undefined) {
    head = new Element('head', {});
    prependChildren(root, [head]);
  }
  if (body === undefined) {
    body = new Element('body', {});
    appendChildren(root, [body]);
  }
  const intoHead: ChildNode[] = [];
  const bodyStart: ChildNode[] = [...before];
  const bodyEnd: ChildNode[] = [];
  let pastBody = false;
  for (const node of siblings) {
    if (node === head) continue;
    if (node === body) {
      pastBody = true;
      continue;
    }
    if (isText(node) && isWhitespace(node.data)) {
      if (pastBody) bodyEnd.push(node);
      continue;
    }
    if (isTag(node) && node.name === 'html') {
      // Another html element's attributes are the root's when it has none of its own, as the standard merges them.
      for (const [name, value] of Object.entries(node.attribs)) root.attribs[name] ??= value;
      (pastBody ? bodyEnd : bodyStart).push(...node.children);
      continue;
    }
    if (!pastBody && bodyStart.length === 0 && isTag(node) && HEAD_ELEMENTS.has(node.name)) intoHead.push(node);
    else (pastBody ? bodyEnd : bodyStart).push(node);
  }
  // A body element the head holds (`<head><div>`) starts the body: the standard closes the head there.
  const headIndex = head.children.findIndex((node) => isTag(node) ? !HEAD_ELEMENTS.has(node.name) : isText(node) && !isWhitespace(node.data));
  const leftHead = headIndex === -1 ? [] : head.children.slice(headIndex);
  appendChildren(head, intoHead);
  prependChildren(body, [...leftHead, ...bodyStart]);
  appendChildren(body, [...bodyEnd, ...after]);
}

/** Markup as it stands in the body of a page (a section of a report): no html, head or body is implied. */
export function parseHtmlFragment(html: string, maxDepth = Number.POSITIVE_INFINITY): Document {
  return parse(html, maxDepth);
}

/**
 * The nodes' HTML by the standard's serialisation algorithm (what parse5 and browsers write): text and
 * attribute values escaped, raw-text elements' text as it is, void elements without an end tag, every
 * other character as itself. Attribute values escape `<` and `>` too, as browsers now do.
 */
export function serializeHtml(nodes: AnyNode | readonly AnyNode[]): string {
  // One string grown by concatenation (V8 joins the pieces once, when the page is used): no array of parts.
  let html = '';
  const write = (node: AnyNode): void => {
    if (isTag(node)) {
      html += `<${node.name}`;
      const { attribs } = node;
      for (const name in attribs) html += ` ${name}="${escapeAttribute(attribs[name]!)}"`;
      html += '>';
      if (VOID_ELEMENTS.has(node.name)) return;
      for (const child of node.children) write(child);
      html += `</${node.name}>`;
    } else if (isText(node)) {
      const parent = node.parent;
      html += parent !== null && isTag(parent) && RAW_TEXT_ELEMENTS.has(parent.name) ? node.data : escapeText(node.data);
    } else if (isComment(node)) {
      html += `<!--${node.data}-->`;
    } else if (isDirective(node)) {
      html += `<${node.data}>`;
    } else if (isCDATA(node) || node.type === 'root') {
      for (const child of node.children) write(child);
    }
  };
  for (const node of Array.isArray(nodes) ? (nodes as readonly AnyNode[]) : [nodes as AnyNode]) write(node);
  return html;
}

/** The HTML of a node's children. */
export function innerHtml(parent: ParentNode): string {
  return serializeHtml(parent.children);
}

const VOID_ELEMENTS: ReadonlySet<string> = new Set(
  'area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr'.split(' '),
);
/** Their text is written as it is (scripting on: noscript too). */
const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set('style script xmp iframe noembed noframes plaintext noscript'.split(' '));

function escapeText(text: string): string {
  return /[&<>\u00a0]/u.test(text) ? text.replace(/[&<>\u00a0]/gu, (character) => ESCAPES[character]!) : text;
}

function escapeAttribute(value: string): string {
  return /[&"<>\u00a0]/u.test(value) ? value.replace(/[&"<>\u00a0]/gu, (character) => ESCAPES[character]!) : value;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;', '\u00a0': '&nbsp;' };
