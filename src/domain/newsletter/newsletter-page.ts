import { pageHead, type PagePreview } from '../html/page-head.ts';
import { isMeltwaterHost, parseHttpUrl } from '../meltwater/tracking-url.ts';

/**
 * Meltwater newsletters are 800 px e-mail tables. These rules let them shrink to a phone's width;
 * the HTML adapter also rewrites fixed widths in the markup itself.
 */
export const NEWSLETTER_CSS = `
body{margin:0!important;padding:0!important;-webkit-text-size-adjust:100%}
table{max-width:100%!important}
img{max-width:100%!important;height:auto!important}
td,th{word-break:break-word}
@media (max-width:620px){table,tbody,tr{width:100%!important}td{height:auto!important}body{font-size:16px}}
`.trim();

/** Fixed widths above this many pixels are made fluid; smaller ones (icons, spacers) stay. */
export const MAX_FIXED_WIDTH_PX = 320;

export function newsletterTitle(originalTitle: string | null): string {
  const base = originalTitle === null || originalTitle.trim() === '' ? 'Informe de noticias' : originalTitle.trim();
  return `${base} | Controles`;
}

export function newsletterHead(preview: PagePreview): string {
  return pageHead(preview, NEWSLETTER_CSS);
}

const TRACKING_HOST = /(^|\.)(t|track|tracking|notifications|email)\./iu;

/**
 * Open-tracking pixels: Meltwater's per-distribution `open?d=<token>` image, or any image drawn at
 * one pixel. Kept, they would report every client who opens CVT's copy to Meltwater as a fresh open.
 */
export function isTrackingPixel(src: string, width: string | undefined, height: string | undefined): boolean {
  const url = parseHttpUrl(src.trim());
  if (url !== undefined && isMeltwaterHost(url.hostname) && TRACKING_HOST.test(url.hostname)) return true;
  const tiny = (size: string | undefined): boolean => size !== undefined && /^\s*[01](px)?\s*$/iu.test(size);
  return tiny(width) && tiny(height);
}
