import type { OutgoingMessage } from '../deliveries/message.ts';
import type { Mention } from '../meltwater/mention.ts';
import { sentimentInSpanish } from '../meltwater/sentiment.ts';
import { truncate } from '../shared/text.ts';

const MAX_TITLE_LENGTH = 300;

/** `*Alerta de noticia*`, the headline, its outlet and sentiment when known, then the article link. */
export function meltwaterAlertMessage(mention: Mention, clientName: string | null): OutgoingMessage {
  const titulo = truncate(mention.title ?? mention.snippet ?? mention.url ?? '', MAX_TITLE_LENGTH);
  const details: string[] = [];
  if (mention.outlet !== null) details.push(`Fuente: ${mention.outlet}`);
  if (mention.sentiment !== null) details.push(`Sentimiento: ${sentimentInSpanish(mention.sentiment)}`);
  const blocks = ['*Alerta de noticia*', [titulo, ...details].join('\n')];
  if (mention.url !== null) blocks.push(mention.url);
  return {
    job: 'meltwater-alert',
    text: blocks.join('\n\n'),
    variables: compact({
      titulo,
      link: mention.url,
      fuente: mention.outlet,
      sentimiento: mention.sentiment === null ? null : sentimentInSpanish(mention.sentiment),
      cliente: clientName,
    }),
  };
}

function compact(values: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== null));
}
