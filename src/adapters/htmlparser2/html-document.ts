import { Element, isTag, isText, type ChildNode, type Document } from 'domhandler';
import { appendChildren, isWhitespace, prependChildren } from './dom.ts';
import { buildTree } from './tree-builder.ts';

/**
 * A whole page, parsed with htmlparser2 (several times faster than parse5 and a third of its code) and
 * given the shape the HTML standard's parser always gives one: a single `html` element at the root with
 * a `head` and a `body`, head elements before the body in the head and everything else in the body.
 * htmlparser2 builds only what the markup says; the page's head (CVT's title and preview) and the
 * readers' notion of "in the body" need that shape whatever the markup omits.
 */
export function parseHtmlDocument(html: string, maxDepth = Number.POSITIVE_INFINITY): Document {
  const document = buildTree(html, maxDepth);
  const roots = document.children;
  let root = roots.find((node): node is Element => isTag(node) && node.name === 'html');
  if (root === undefined) {
    root = new Element('html', {});
    appendChildren(
      root,
      roots.filter((node) => node.type !== 'directive'),
    );
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
  const headIndex = head.children.findIndex((node) =>
    isTag(node) ? !HEAD_ELEMENTS.has(node.name) : isText(node) && !isWhitespace(node.data),
  );
  const leftHead = headIndex === -1 ? [] : head.children.slice(headIndex);
  appendChildren(head, intoHead);
  prependChildren(body, [...leftHead, ...bodyStart]);
  appendChildren(body, [...bodyEnd, ...after]);
}

/** Markup as it stands in the body of a page (a section of a report): no html, head or body is implied. */
export function parseHtmlFragment(html: string, maxDepth = Number.POSITIVE_INFINITY): Document {
  return buildTree(html, maxDepth);
}
