import { collapseWhitespace } from '../shared/text.ts';

/** Longer than this, a text is a paragraph that happens to hold a date, not the report's date line. */
const MAX_DATE_LINE_LENGTH = 160;

const MONTHS = 'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';
const SPANISH_DATE = new RegExp(`\\b\\d{1,2}\\s+de\\s+(${MONTHS})(\\s+(de|del)\\s+\\d{4})?\\b`, 'iu');
const NUMERIC_DATE = /\b\d{1,2}\/\d{1,2}\/\d{4}\b/u;

/**
 * The line of a CVT offline report that says which day it covers and for whom ("Sábado 21 de
 * noviembre de 2026 · Cliente Demo S.A."): the first short text, outside the news sections, holding a
 * date. `texts` are the report's texts outside its sections, in reading order.
 */
export function reportDateLine(texts: readonly string[]): string | null {
  for (const text of texts) {
    const line = collapseWhitespace(text);
    if (line.length === 0 || line.length > MAX_DATE_LINE_LENGTH) continue;
    if (SPANISH_DATE.test(line) || NUMERIC_DATE.test(line)) return line;
  }
  return null;
}
