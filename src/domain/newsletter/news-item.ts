import { collapseWhitespace } from '../shared/text.ts';
import { canonicalUnwrappedUrl, isMeltwaterHost, parseHttpUrl, peelTrackingUrl } from '../meltwater/tracking-url.ts';

/** One news item of a newsletter: what a reader would click. */
export interface NewsItem {
  readonly headline: string;
  /** The article, tracking redirects removed. */
  readonly url: string;
  readonly source: string | null;
}

/** Headlines shorter than this are buttons and labels ("Leer más", "Click Here"), not news. */
export const MIN_HEADLINE_LENGTH = 15;
/** Text next to a headline longer than this is a summary, not the name of a medium. */
const MAX_SOURCE_LENGTH = 120;

const UNSUBSCRIBE = /unsubscribe|darse de baja|desuscrib|cancelar (la )?suscripci/iu;
const UNSUBSCRIBE_PATH = /(^|\/)(newsletters-)?unsubscribe(\/|$)/iu;
const FRAME_TEXT =
  /view (it |this |the )?(newsletter |email |e-mail )?(in|on) (your |a )?(web )?browser|view (it )?online|web version|(ver|véalo|vealo|verlo|vea|abrir|ábralo|abralo)( este| el)?( boletín| boletin| correo| informe| mensaje)? (en (el|su|un) )?navegador|versión (web|en línea)|ver en línea/iu;
/**
 * The rest of an e-mail's frame that means nothing on a web page: sending it on, managing the
 * subscription. Judged by its words only on links that stay on Meltwater (or are no web link).
 */
const MAIL_ACTION_TEXT =
  /forward (this |it )?(email |e-mail |newsletter )?to a (friend|colleague)|reenv(í|i)(e|a|ar)(lo|la)? (este (correo|boletín|boletin) )?a (un|una) (amig|colega)|compart(a|ir) (este|el) (correo|boletín|boletin)|(manage|update) (your )?(email |e-mail )?(preferences|subscription)|(administr|gestion|actualic)(ar|e) (sus )?preferencias/iu;
/** Meltwater pages of the newsletter itself (its web view, the distribution): the frame, never an article. */
const NEWSLETTER_VIEW_PATH = /(^|\/)newsletters?(\/|$)/iu;

/** What the newsletter rules make of one link. Peeling its redirects is the costly part: it is done once. */
export interface NewsletterLink {
  /** Where the link leads once Meltwater's redirects are peeled: what CVT's copy links to. */
  readonly target: string;
  /** The link's text, white space collapsed. */
  readonly text: string;
  /** An http(s) link. Peeled redirects only ever lead to web links, so its href and its target agree on this. */
  readonly webLink: boolean;
  /** Meltwater's unsubscribe link, or any link that opts the reader out of the newsletter. */
  readonly unsubscribe: boolean;
  /**
   * A link that leads off Meltwater (after its redirects are peeled) is an article, whatever its words
   * say: a headline may well be about unsubscribing from something. Only links that stay on Meltwater,
   * or are no web link at all, are judged by their words.
   */
  readonly leadsToArticle: boolean;
  /**
   * A link of the e-mail's frame that means nothing on CVT's web copy (unsubscribe, view in browser,
   * forward to a friend, manage preferences): the page drops it with the short block around it.
   */
  readonly mailFrame: boolean;
}

export function newsletterLink(href: string, text: string): NewsletterLink {
  const { href: target, url } = peelTrackingUrl(href);
  const words = collapseWhitespace(text);
  const leadsToArticle = url !== undefined && !isMeltwaterHost(url.hostname);
  const unsubscribe =
    (url !== undefined && UNSUBSCRIBE_PATH.test(url.pathname)) || (!leadsToArticle && (UNSUBSCRIBE.test(href) || UNSUBSCRIBE.test(words)));
  const mailFrame =
    unsubscribe ||
    (!leadsToArticle &&
      (FRAME_TEXT.test(words) || MAIL_ACTION_TEXT.test(words) || (url !== undefined && NEWSLETTER_VIEW_PATH.test(url.pathname))));
  return { target, text: words, webLink: url !== undefined, unsubscribe, leadsToArticle, mailFrame };
}

/** Meltwater's unsubscribe link (or any link that opts the reader out of the newsletter). */
export function isUnsubscribeLink(href: string, text: string): boolean {
  return newsletterLink(href, text).unsubscribe;
}

/** Links that belong to the newsletter's frame (unsubscribe, web view, Meltwater home), not to its news. */
export function isNewsletterChrome(href: string, text: string): boolean {
  return isChrome(newsletterLink(href, text));
}

function isChrome(link: NewsletterLink): boolean {
  if (link.mailFrame) return true;
  if (!link.webLink) return true;
  if (link.leadsToArticle) return false;
  const canonical = parseHttpUrl(canonicalUnwrappedUrl(link.target));
  // After unwrapping, a link still on a Meltwater host with no article path is the frame.
  return canonical !== undefined && /^\/?$/u.test(canonical.pathname);
}

/**
 * Builds a news item from a link found in a newsletter, or nothing when the link is not news.
 * `context` holds the texts around the link in its own item block (cells, lines), in reading order.
 */
export function newsItemFromLink(href: string, text: string, context: readonly string[] | null): NewsItem | undefined {
  return newsItemOf(newsletterLink(href, text), context);
}

export function newsItemOf(link: NewsletterLink, context: readonly string[] | null): NewsItem | undefined {
  const headline = link.text;
  if (headline.length < MIN_HEADLINE_LENGTH || isChrome(link)) return undefined;
  return {
    headline,
    url: canonicalUnwrappedUrl(link.target),
    source: context === null ? null : sourceFromContext(context, headline),
  };
}

/** Newsletters put the medium and the date next to the headline, in one cell or several, joined by separators. */
const SEPARATORS = /\s+[|·•–—-]\s+|\s*[|·•]\s*/u;
const LABEL = /^(fuente|medio|source|outlet|fecha|date|publicado|published)\s*:\s*/iu;

/** The medium among the texts next to a headline: the first short one that is not a date. */
export function sourceFromContext(context: readonly string[], headline: string): string | null {
  for (const segment of context) {
    for (const part of collapseWhitespace(segment).split(SEPARATORS)) {
      const candidate = collapseWhitespace(part.replace(LABEL, ''));
      if (candidate === '' || candidate === headline || candidate.length > MAX_SOURCE_LENGTH) continue;
      if (isDateLike(candidate) || !/[\p{L}\p{N}]/u.test(candidate)) continue;
      return candidate;
    }
  }
  return null;
}

const DATE_WORDS: ReadonlySet<string> = new Set(
  [
    'jan feb mar apr may jun jul aug sep sept oct nov dec january february march',
    'april june july august september october november december ene abr ago set dic enero febrero marzo',
    'abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre mon tue wed thu fri sat',
    'sun monday tuesday wednesday thursday friday saturday sunday lun mie mié jue vie sab sáb dom',
    'lunes martes miercoles miércoles jueves viernes sabado sábado domingo am pm a m de del las',
    'la at on h hrs utc gmt cst cdt t z',
  ]
    .join(' ')
    .split(' '),
);

/** True when every word is a number, a month or day name, or part of a time of day ("May 12, 2024 8:30 AM"). */
export function isDateLike(text: string): boolean {
  const words = text
    .toLowerCase()
    .split(/[\s,./:\-()]+/u)
    .filter((word) => word !== '');
  return words.some((word) => /^\d+$/u.test(word)) && words.every((word) => /^\d+(st|nd|rd|th)?$/u.test(word) || DATE_WORDS.has(word));
}
