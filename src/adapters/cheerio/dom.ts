import { hasChildren, isComment, isText, type AnyNode } from 'domhandler';

/** The text of a node as cheerio's `text()` gives it, every text below it, comments left out, without a query's overhead. */
export function textContent(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!hasChildren(node) || isComment(node)) return '';
  let text = '';
  for (const child of node.children) text += textContent(child);
  return text;
}
