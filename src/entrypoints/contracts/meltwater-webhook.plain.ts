import { hasNews, type RawMention } from '../../domain/meltwater/mention.ts';
import { looseObject, looseText } from './loose-text.ts';
import { isRecord } from './plain-values.ts';

/**
 * Meltwater's two webhook shapes (see docs/contracts/meltwater.md §1): Smart Alerts' flat "Every
 * Mention" object, and Data Streams' `{request, documents}` batches (the `api.json` template, with
 * the legacy template's flat keys as a fallback). Meltwater documents neither strictly, so every
 * field is optional and a field of the wrong type is ignored rather than failing the mention. Read
 * without a schema: no field can fail, so there is no error to word (the unit test reads every body
 * the same as the zod schemas this replaced).
 */
function fromEveryMention(value: unknown): RawMention | undefined {
  if (!isRecord(value)) return undefined;
  const links = looseObject(value['links']);
  return {
    id: looseText(value['id']),
    title: looseText(value['title']),
    snippet: looseText(value['text']),
    outlet: looseText(value['authorName']),
    articleUrl: looseText(links['article']) ?? looseText(value['url']) ?? looseText(links['source']),
    sentiment: looseText(value['statusLine']),
  };
}

function fromDataStreamDocument(value: unknown): RawMention | undefined {
  if (!isRecord(value)) return undefined;
  const content = looseObject(value['content']);
  const source = looseObject(value['source']);
  const enrichments = looseObject(value['enrichments']);
  return {
    id: looseText(value['id']),
    title: looseText(content['title']) ?? looseText(value['document_title']),
    snippet: looseText(content['opening_text']) ?? looseText(value['document_opening_text']),
    outlet: looseText(source['name']) ?? looseText(value['source_name']),
    articleUrl: looseText(value['url']) ?? looseText(value['document_url']),
    sentiment: looseText(enrichments['sentiment']) ?? looseText(value['document_sentiment']),
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
