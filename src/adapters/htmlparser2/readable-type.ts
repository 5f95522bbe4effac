import { isTag, isText, type Element } from 'domhandler';
import {
  cssWithFontSizesAtLeast,
  declaresFontSize,
  legacyFontSizePx,
  MIN_BODY_TEXT_PX,
  MIN_SECONDARY_TEXT_PX,
  RUNNING_TEXT_MIN_LENGTH,
} from '../../domain/html/readable-type.ts';
import { collapseWhitespace } from '../../domain/shared/text.ts';
import { setText, textContent } from './dom.ts';
import { memoised } from './memoised.ts';

/**
 * Raises the type of a page to the readable sizes: headlines (the links `headlines` holds) and
 * running text to the body size, every other text to the secondary size. Returns the step for one
 * element, for a walk of the document to apply to every element it keeps.
 */
export function readableType(headlines: Iterable<Element>): (element: Element) => void {
  // Collected once (links never nest), rather than an ancestor walk per element, quadratic in deep markup.
  const inHeadlines = new Set<Element>();
  const collect = (element: Element): void => {
    inHeadlines.add(element);
    for (const child of element.children) if (isTag(child)) collect(child);
  };
  for (const headline of headlines) collect(headline);
  const inHeadline = (element: Element): boolean => inHeadlines.has(element);
  // E-mail templates repeat the same few inline styles on every row: each is rewritten once per floor.
  const atLeastBody = memoised((css) => cssWithFontSizesAtLeast(css, MIN_BODY_TEXT_PX));
  const atLeastSecondary = memoised((css) => cssWithFontSizesAtLeast(css, MIN_SECONDARY_TEXT_PX));
  return (element) => {
    if (element.name === 'style') {
      const css = textContent(element);
      const readable = cssWithFontSizesAtLeast(css, MIN_SECONDARY_TEXT_PX);
      if (readable !== css) setText(element, readable);
      return;
    }
    const { attribs } = element;
    const floor = inHeadline(element) || hasRunningText(element) ? MIN_BODY_TEXT_PX : MIN_SECONDARY_TEXT_PX;
    const style = attribs['style'];
    if (style !== undefined && declaresFontSize(style)) {
      attribs['style'] = floor === MIN_BODY_TEXT_PX ? atLeastBody(style) : atLeastSecondary(style);
    } else if (floor === MIN_BODY_TEXT_PX && (element.name === 'a' || hasRunningText(element))) {
      attribs['style'] = appendDeclaration(style, `font-size:max(1em,${floor}px)`);
    }
    const legacy = element.name === 'font' && attribs['size'] !== undefined ? legacyFontSizePx(attribs['size']) : undefined;
    if (legacy !== undefined && legacy < floor) {
      delete attribs['size'];
      attribs['style'] = appendDeclaration(attribs['style'], `font-size:${floor}px`);
    }
  };
}

function hasRunningText(element: Element): boolean {
  let own = '';
  for (const child of element.children) if (isText(child)) own += child.data;
  return collapseWhitespace(own).length >= RUNNING_TEXT_MIN_LENGTH;
}

function appendDeclaration(style: string | undefined, declaration: string): string {
  const current = (style ?? '').trim().replace(/;\s*$/u, '');
  return current === '' ? declaration : `${current};${declaration}`;
}
