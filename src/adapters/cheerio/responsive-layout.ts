import type { CheerioAPI } from 'cheerio';
import { MAX_FIXED_WIDTH_PX } from '../../domain/newsletter/newsletter-page.ts';

// Unitless lengths are what e-mail templates written for quirks mode use; they mean pixels there.
// No two white-space runs sit side by side: that would make long blank runs quadratic.
const STYLE_WIDTH = /(^|[;{])\s*(min-width|width)\s*:\s*(\d+(?:\.\d+)?)(?:px)?\s*(?:!important\s*)?(?=[;}]|$)/giu;

/**
 * Turns fixed e-mail widths (the 800 px tables) into fluid ones that never grow past their old
 * size, and lets images scale with them. Small fixed widths (icons, spacers) are left alone.
 */
export function makeFluid($: CheerioAPI): void {
  $('[width]').each((_, element) => {
    const width = Number.parseFloat(element.attribs['width'] ?? '');
    if (!Number.isFinite(width) || width <= MAX_FIXED_WIDTH_PX || /%/u.test(element.attribs['width'] ?? '')) return;
    const node = $(element);
    node.attr('width', '100%');
    node.attr('style', appendStyle(node.attr('style'), `max-width:${width}px`));
    if (element.tagName === 'img') node.removeAttr('height');
  });
  $('[style]').each((_, element) => {
    const style = element.attribs['style'] ?? '';
    const fluid = fluidCss(style);
    if (fluid !== style) $(element).attr('style', fluid);
  });
  // Templates also fix widths in their style sheets, often with !important, which beats inline styles.
  $('style').each((_, element) => {
    const css = $(element).text();
    const fluid = fluidCss(css);
    if (fluid !== css) $(element).text(fluid);
  });
  $('img').each((_, element) => {
    $(element).attr('style', appendStyle($(element).attr('style'), 'max-width:100%;height:auto'));
  });
}

function fluidCss(css: string): string {
  return css.replace(STYLE_WIDTH, (match, separator: string, property: string, width: string) => {
    if (Number.parseFloat(width) <= MAX_FIXED_WIDTH_PX) return match;
    // A minimum width as wide as the old layout would keep the page from shrinking at all.
    return property.toLowerCase() === 'min-width' ? `${separator}min-width:0` : `${separator}width:100%;max-width:${width}px`;
  });
}

function appendStyle(style: string | undefined, declarations: string): string {
  const current = (style ?? '').trim().replace(/;\s*$/u, '');
  return current === '' ? declarations : `${current};${declarations}`;
}
