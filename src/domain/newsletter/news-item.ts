import { collapseWhitespace } from '../shared/text.ts';
import { canonicalArticleUrl, isMeltwaterHost, parseHttpUrl } from '../meltwater/tracking-url.ts';

/** One news item of a newsletter: what a reader would click. */
export interface NewsItem {
  readonly headline: string;
  /** The article, tracking redirects removed. */
  readonly url: string;
  readonly source: string | null;
}

/** Headlines shorter than this are buttons and labels ("Leer más", "Click Here"), not news. */
export const MIN_HEADLINE_LENGTH = 15;

const UNSUBSCRIBE = /unsubscribe|newsletters-unsubscribe|darse de baja|desuscrib|cancelar (la )?suscripci/iu;

/** Links that belong to the newsletter's frame (unsubscribe, web view, Meltwater home), not to its news. */
export function isNewsletterChrome(href: string, text: string): boolean {
  if (UNSUBSCRIBE.test(href) || UNSUBSCRIBE.test(text)) return true;
  const url = parseHttpUrl(href.trim());
  if (url === undefined) return true;
  const canonical = parseHttpUrl(canonicalArticleUrl(href));
  // After unwrapping, a link still on a Meltwater host with no article path is the frame.
  return canonical !== undefined && isMeltwaterHost(canonical.hostname) && /^\/?$/u.test(canonical.pathname);
}

export function isUnsubscribeText(text: string): boolean {
  return UNSUBSCRIBE.test(text);
}

/** Builds a news item from a link found in a newsletter, or nothing when the link is not news. */
export function newsItemFromLink(href: string, text: string, context: string | null): NewsItem | undefined {
  const headline = collapseWhitespace(text);
  if (headline.length < MIN_HEADLINE_LENGTH || isNewsletterChrome(href, headline)) return undefined;
  const source = context === null ? null : collapseWhitespace(context.replace(headline, ''));
  return { headline, url: canonicalArticleUrl(href), source: source === '' || source === null ? null : source.slice(0, 200) };
}
