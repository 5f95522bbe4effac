import { sha256Hex } from '../shared/sha256.ts';
import { collapseWhitespace } from '../shared/text.ts';
import type { NewsItem } from './news-item.ts';

/**
 * Identifies a newsletter version by its news alone: the sorted set of (headline, article) pairs.
 * Tracking tokens, timestamps, unsubscribe links and the order of items do not change it, so a
 * newsletter that Meltwater re-renders with fresh tokens is recognised as the one already sent.
 * Each pair is encoded as JSON so that no headline or URL can pass for a separator between others.
 */
export function newsletterFingerprint(items: readonly NewsItem[]): string {
  const lines = new Set(items.map((item) => JSON.stringify([collapseWhitespace(item.headline).toLowerCase(), item.url])));
  return sha256Hex([...lines].sort().join('\n'));
}
