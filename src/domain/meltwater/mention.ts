import { sha256Hex } from '../shared/sha256.ts';
import { collapseWhitespace } from '../shared/text.ts';
import { parseSentiment, type Sentiment } from './sentiment.ts';
import { canonicalArticleUrl, peelTrackingUrl } from './tracking-url.ts';

/**
 * One mention as Meltwater delivered it, already lifted out of whichever payload shape carried it
 * (Smart Alerts "Every Mention" or a Data Streams document). Every field may be missing.
 */
export interface RawMention {
  readonly id?: string | undefined;
  readonly title?: string | undefined;
  readonly snippet?: string | undefined;
  readonly outlet?: string | undefined;
  readonly articleUrl?: string | undefined;
  /** A bare sentiment (`positive`) or a status line that mentions one. */
  readonly sentiment?: string | undefined;
}

export interface Mention {
  readonly id: string | null;
  readonly title: string | null;
  readonly snippet: string | null;
  readonly outlet: string | null;
  /** The article itself, Meltwater's tracking redirect removed. */
  readonly url: string | null;
  readonly sentiment: Sentiment | null;
}

/**
 * Whether `toMention` finds something to tell a client in `raw`, without building the mention: a title
 * with a visible character answers at once, and only a mention without one has its link parsed.
 */
export function hasNews(raw: RawMention): boolean {
  if (raw.title !== undefined && VISIBLE.test(raw.title)) return true;
  return raw.articleUrl !== undefined && peelTrackingUrl(raw.articleUrl).url !== undefined;
}

/** What `collapseWhitespace` keeps: anything but white space, non-breaking and zero-width spaces. */
const VISIBLE = /[^\s\u00a0\u200b]/u;

/** Returns undefined when there is nothing to tell a client: no title and no link. */
export function toMention(raw: RawMention): Mention | undefined {
  const title = cleanText(raw.title);
  // The peeling's own parse of the link it ends on: the same as parsing its `href` again.
  const url = raw.articleUrl === undefined ? null : (peelTrackingUrl(raw.articleUrl).url?.href ?? null);
  if (title === null && url === null) return undefined;
  return {
    id: cleanText(raw.id),
    title,
    snippet: cleanText(raw.snippet),
    outlet: cleanText(raw.outlet),
    url,
    sentiment: parseSentiment(raw.sentiment),
  };
}

/**
 * The same mention is recognised by its Meltwater id, else by its article, else by what it says:
 * Meltwater repeats calls, and a repeat must not reach a contact twice.
 */
export function mentionEventKey(mention: Mention): string {
  if (mention.id !== null) return `id:${mention.id}`;
  if (mention.url !== null) return `url:${sha256Hex(canonicalArticleUrl(mention.url)).slice(0, 32)}`;
  return `text:${sha256Hex(`${mention.title ?? ''}\n${mention.outlet ?? ''}`).slice(0, 32)}`;
}

function cleanText(value: string | undefined): string | null {
  if (value === undefined) return null;
  const cleaned = collapseWhitespace(value);
  return cleaned === '' ? null : cleaned;
}
