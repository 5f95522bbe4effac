export type Sentiment = 'positive' | 'negative' | 'neutral';

const SPANISH: Record<Sentiment, string> = { positive: 'Positivo', negative: 'Negativo', neutral: 'Neutral' };

/**
 * Reads a sentiment from Meltwater's words for it, either a bare value (`positive`) or the Every
 * Mention status line (`🔊 55.9k Reach — 😐 Neutral Sentiment`).
 */
export function parseSentiment(text: string | undefined): Sentiment | null {
  const match = text === undefined ? null : /\b(positive|negative|neutral)\b/iu.exec(text);
  return match === null ? null : (match[1]!.toLowerCase() as Sentiment);
}

export function sentimentInSpanish(sentiment: Sentiment): string {
  return SPANISH[sentiment];
}
