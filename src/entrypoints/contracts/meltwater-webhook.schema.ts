import * as z from 'zod';
import { hasNews, type RawMention } from '../../domain/meltwater/mention.ts';
import { looseObject, looseText } from './loose-text.ts';

/**
 * Meltwater's two webhook shapes (see docs/contracts/meltwater.md §1): Smart Alerts' flat "Every
 * Mention" object, and Data Streams' `{request, documents}` batches (the `api.json` template, with
 * the legacy template's flat keys as a fallback). Meltwater documents neither strictly, so every
 * field is optional and a field of the wrong type is ignored rather than failing the mention.
 */
const everyMention = z.object({
  id: looseText,
  title: looseText,
  text: looseText,
  authorName: looseText,
  statusLine: looseText,
  url: looseText,
  links: looseObject({ article: looseText, source: looseText }),
});

const dataStreamDocument = z.object({
  id: looseText,
  url: looseText,
  content: looseObject({ title: looseText, opening_text: looseText }),
  source: looseObject({ name: looseText }),
  enrichments: looseObject({ sentiment: looseText }),
  document_title: looseText,
  document_url: looseText,
  document_opening_text: looseText,
  source_name: looseText,
  document_sentiment: looseText,
});

function fromEveryMention(value: unknown): RawMention | undefined {
  const parsed = everyMention.safeParse(value);
  if (!parsed.success) return undefined;
  const mention = parsed.data;
  return {
    id: mention.id,
    title: mention.title,
    snippet: mention.text,
    outlet: mention.authorName,
    articleUrl: mention.links.article ?? mention.url ?? mention.links.source,
    sentiment: mention.statusLine,
  };
}

function fromDataStreamDocument(value: unknown): RawMention | undefined {
  const parsed = dataStreamDocument.safeParse(value);
  if (!parsed.success) return undefined;
  const document = parsed.data;
  return {
    id: document.id,
    title: document.content.title ?? document.document_title,
    snippet: document.content.opening_text ?? document.document_opening_text,
    outlet: document.source.name ?? document.source_name,
    articleUrl: document.url ?? document.document_url,
    sentiment: document.enrichments.sentiment ?? document.document_sentiment,
  };
}

/**
 * The mentions a webhook body carries, in whichever shape; an empty list when it carries none. An
 * object with neither a title nor a link (`{}`, `{"foo": 1}`) is not a mention.
 */
export function mentionsFromWebhookBody(body: unknown): RawMention[] {
  return webhookItems(body)
    .map(readMention)
    .filter((mention): mention is RawMention => mention !== undefined);
}

/**
 * The items a webhook body carries, mentions or not: a call is judged against the mention limit by this
 * count, and then processed whole, never cut short.
 */
export function webhookItems(body: unknown): readonly unknown[] {
  if (Array.isArray(body)) return body;
  if (isRecord(body) && Array.isArray(body['documents'])) return body['documents'];
  return [body];
}

/** A document read as Data Streams first when it looks like one, else (or when that finds no news in it) as an Every Mention. */
function readMention(item: unknown): RawMention | undefined {
  const readers = isDataStreamDocument(item) ? [fromDataStreamDocument, fromEveryMention] : [fromEveryMention];
  for (const read of readers) {
    const mention = read(item);
    if (mention !== undefined && hasNews(mention)) return mention;
  }
  return undefined;
}

/**
 * Data Streams documents nest their title under `content` (api.json) or use `document_*` keys (legacy);
 * Every Mention objects are flat and their `source` is the saved search's name, a string.
 */
function isDataStreamDocument(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return isRecord(value['content']) || isRecord(value['source']) || 'document_title' in value || 'document_url' in value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
