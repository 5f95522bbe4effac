import type { Element } from 'domhandler';
import { MAX_FIXED_WIDTH_PX } from '../../domain/newsletter/newsletter-page.ts';
import { setText, textContent } from './dom.ts';
import { memoised } from './memoised.ts';

// Unitless lengths are what e-mail templates written for quirks mode use; they mean pixels there.
// No two white-space runs sit side by side: that would make long blank runs quadratic.
const STYLE_WIDTH = /(^|[;{])\s*(min-width|width)\s*:\s*(\d+(?:\.\d+)?)(?:px)?\s*(?:!important\s*)?(?=[;}]|$)/giu;

/**
 * Turns fixed e-mail widths (the 800 px tables) into fluid ones that never grow past their old
 * size, and lets images scale with them. Small fixed widths (icons, spacers) are left alone.
 * Returns the step for one element, for a walk of the document to apply to every element it keeps.
 */
export function fluidLayout(): (element: Element) => void {
  // E-mail templates repeat the same few inline styles on every row.
  const fluidStyle = memoised(fluidCss);
  const fluidCellStyle = memoised(fluidCellCss);
  return (element) => {
    const { attribs } = element;
    // A cell made 100% wide would squeeze the other cells of its row to a letter each: a wide cell
    // loses its width instead, and the table shares its width among its columns by their content.
    const cell = element.name === 'td' || element.name === 'th';
    const width = Number.parseFloat(attribs['width'] ?? '');
    if (Number.isFinite(width) && width > MAX_FIXED_WIDTH_PX && !/%/u.test(attribs['width'] ?? '')) {
      if (cell) {
        delete attribs['width'];
      } else {
        attribs['width'] = '100%';
        attribs['style'] = appendStyle(attribs['style'], `max-width:${width}px`);
        if (element.tagName === 'img') delete attribs['height'];
      }
    }
    const style = attribs['style'];
    if (style !== undefined) attribs['style'] = cell ? fluidCellStyle(style) : fluidStyle(style);
    // Templates also fix widths in their style sheets, often with !important, which beats inline styles.
    if (element.name === 'style') {
      const css = textContent(element);
      const fluid = fluidCss(css);
      if (fluid !== css) setText(element, fluid);
    }
    if (element.name === 'img') attribs['style'] = appendStyle(attribs['style'], 'max-width:100%;height:auto');
  };
}

function fluidCss(css: string): string {
  return css.replace(STYLE_WIDTH, (match, separator: string, property: string, width: string) => {
    if (Number.parseFloat(width) <= MAX_FIXED_WIDTH_PX) return match;
    // A minimum width as wide as the old layout would keep the page from shrinking at all.
    // Border-box: padding inside the old width must not push a now fluid block past the screen.
    return property.toLowerCase() === 'min-width'
      ? `${separator}min-width:0`
      : `${separator}width:100%;max-width:${width}px;box-sizing:border-box`;
  });
}

function fluidCellCss(css: string): string {
  return css.replace(STYLE_WIDTH, (match, separator: string, _property: string, width: string) =>
    Number.parseFloat(width) <= MAX_FIXED_WIDTH_PX ? match : separator,
  );
}

function appendStyle(style: string | undefined, declarations: string): string {
  const current = (style ?? '').trim().replace(/;\s*$/u, '');
  return current === '' ? declarations : `${current};${declarations}`;
}
