import type { CheerioAPI } from 'cheerio';
import { MAX_FIXED_WIDTH_PX } from '../../domain/newsletter/newsletter-page.ts';

const STYLE_WIDTH = /(^|;)\s*width\s*:\s*(\d+(?:\.\d+)?)px\s*(!important)?\s*(?=;|$)/giu;

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
    const fluid = style.replace(STYLE_WIDTH, (match, separator: string, width: string) =>
      Number.parseFloat(width) > MAX_FIXED_WIDTH_PX ? `${separator}width:100%;max-width:${width}px` : match,
    );
    if (fluid !== style) $(element).attr('style', fluid);
  });
  $('img').each((_, element) => {
    $(element).attr('style', appendStyle($(element).attr('style'), 'max-width:100%;height:auto'));
  });
}

function appendStyle(style: string | undefined, declarations: string): string {
  const current = (style ?? '').trim().replace(/;\s*$/u, '');
  return current === '' ? declarations : `${current};${declarations}`;
}
