import type { CheerioAPI } from 'cheerio';
import { isTag, type AnyNode, type Element } from 'domhandler';
import {
  ALLOWED_ELEMENTS,
  DROPPED_ELEMENTS,
  isAllowedAttribute,
  isSafeUrl,
  sanitizeCss,
  URL_ATTRIBUTES,
} from '../../domain/html/html-policy.ts';

/**
 * Applies the domain's HTML policy to a parsed document, in place: dropped elements go with their
 * content, unknown ones are unwrapped, attributes are kept only when allowed and safe.
 */
export function sanitizeDocument($: CheerioAPI): void {
  removeComments($, $.root().get(0)!);
  for (const element of $('*').toArray().filter(isTag)) {
    const name = element.tagName.toLowerCase();
    if (DROPPED_ELEMENTS.has(name)) {
      $(element).remove();
    } else if (!ALLOWED_ELEMENTS.has(name)) {
      $(element).replaceWith($(element).contents());
    } else {
      sanitizeAttributes($, element, name);
      if (name === 'style') $(element).text(sanitizeCss($(element).text()));
    }
  }
}

function sanitizeAttributes($: CheerioAPI, element: Element, name: string): void {
  for (const [attribute, value] of Object.entries(element.attribs)) {
    const lower = attribute.toLowerCase();
    if (!isAllowedAttribute(name, lower) || (URL_ATTRIBUTES.has(lower) && !isSafeUrl(value, lower))) {
      $(element).removeAttr(attribute);
    } else if (lower === 'style') {
      $(element).attr(attribute, sanitizeCss(value));
    }
  }
  if (name === 'a' && element.attribs['target'] !== undefined) $(element).attr('rel', 'noopener noreferrer');
}

function removeComments($: CheerioAPI, node: AnyNode): void {
  if (!('children' in node)) return;
  for (const child of [...node.children]) {
    if (child.type === 'comment' || (child.type === 'directive' && child.name !== '!doctype')) $(child).remove();
    else removeComments($, child);
  }
}
