import { hasChildren, isTag, type Element, type ParentNode } from 'domhandler';
import {
  ALLOWED_ELEMENTS,
  DROPPED_ELEMENTS,
  isAllowedAttribute,
  isSafeUrl,
  sanitizeCss,
  URL_ATTRIBUTES,
} from '../../domain/html/html-policy.ts';
import { removeNode, setText, textContent, unwrap } from './dom.ts';
import { memoised } from './memoised.ts';

/**
 * Applies the domain's HTML policy to a parsed document, in place: dropped elements go with their
 * content, unknown ones are unwrapped, attributes are kept only when allowed and safe. `thenEach`
 * gets every element kept, once it is sanitised, sparing another walk of the document.
 */
export function sanitizeDocument(root: ParentNode, thenEach: (element: Element) => void): void {
  // E-mail templates repeat the same few inline styles on every row.
  const safeCss = memoised(sanitizeCss);
  const visit = (parent: ParentNode): void => {
    const nodes = parent.children;
    // In document order, in place: what is removed leaves its next sibling at the same index, and an
    // unwrapped element leaves its children there, to be visited next.
    for (let index = 0; index < nodes.length;) {
      const node = nodes[index]!;
      if (node.type === 'comment' || (node.type === 'directive' && node.name !== '!doctype')) {
        removeNode(node);
        continue;
      }
      if (isTag(node)) {
        const name = node.tagName.toLowerCase();
        if (DROPPED_ELEMENTS.has(name)) {
          removeNode(node);
          continue;
        }
        if (!ALLOWED_ELEMENTS.has(name)) {
          unwrap(node);
          continue;
        }
        sanitizeAttributes(node, name, safeCss);
        if (name === 'style') setText(node, safeCss(textContent(node)));
        thenEach(node);
      }
      if (hasChildren(node)) visit(node);
      index++;
    }
  };
  visit(root);
}

function sanitizeAttributes(element: Element, name: string, safeCss: (css: string) => string): void {
  const { attribs } = element;
  for (const attribute of Object.keys(attribs)) {
    const value = attribs[attribute]!;
    const lower = attribute.toLowerCase();
    if (!isAllowedAttribute(name, lower) || (URL_ATTRIBUTES.has(lower) && !isSafeUrl(value, lower))) {
      // Deleted by its exact name: a name may hold white space (`x\u00a0style`) that other ways of removing
      // an attribute split it at, removing other attributes instead of this one.
      delete attribs[attribute];
    } else if (lower === 'style') {
      attribs[attribute] = safeCss(value);
    }
  }
  if (name === 'a' && attribs['target'] !== undefined) attribs['rel'] = 'noopener noreferrer';
}
