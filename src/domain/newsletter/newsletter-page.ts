import { pageHead, type PagePreview } from '../html/page-head.ts';
import { isMeltwaterHost, parseHttpUrl } from '../meltwater/tracking-url.ts';

/** The widest the reading column gets: Meltwater's own layout width, centred on a large screen. */
const READING_COLUMN_PX = 800;

/**
 * Meltwater newsletters are 800 px e-mail tables. These rules let them shrink to a phone's width and
 * keep them to one centred column on a large screen; the HTML adapter also rewrites fixed widths in
 * the markup itself. Tables get no `max-width` of their own here: a rule with `!important` would beat
 * the `max-width:800px` the adapter writes on the layout table, and stretch it over the whole screen.
 * On a phone, cells stack (headline, then outlet and date, then summary) rather than share a row too
 * narrow for any of them. Images only ever shrink (`max-width`), and one the adapter made fluid (`width="100%"`) is drawn at its
 * own size at most, so none is drawn wider than its file.
 */
const NEWSLETTER_CSS = `
body{margin:0 auto!important;padding:0!important;max-width:${READING_COLUMN_PX}px;-webkit-text-size-adjust:100%;overflow-wrap:break-word}
table{max-width:100%}
img{max-width:100%!important;height:auto!important}
img[width="100%"]{width:auto!important}
td,th{word-break:break-word}
a{padding-top:4px;padding-bottom:4px}
@media (max-width:620px){table,tbody,tr{width:100%!important}td,th{display:block;width:auto!important;box-sizing:border-box}td{height:auto!important}body{font-size:16px}}
`.trim();

/** Fixed widths above this many pixels are made fluid; smaller ones (icons, spacers) stay. */
export const MAX_FIXED_WIDTH_PX = 320;

const TITLE_SUFFIX = ' | Controles';

export function newsletterTitle(originalTitle: string | null): string {
  // A title that already names CVT must not say it twice ("… | Controles | Controles").
  const base = (originalTitle ?? '')
    .trim()
    .replace(/(\s*\|\s*Controles)+$/iu, '')
    .trim();
  return `${base === '' ? 'Informe de noticias' : base}${TITLE_SUFFIX}`;
}

/** The link preview's text: how many news the newsletter holds, then the first headline. */
export function newsletterDescription(headlines: readonly string[]): string {
  const count = headlines.length === 1 ? '1 noticia' : `${headlines.length} noticias`;
  return headlines.length === 0 ? count : `${count}: ${headlines[0]}`;
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
