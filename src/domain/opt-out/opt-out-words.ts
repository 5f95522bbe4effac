/**
 * A contact's request to stop (or resume) messages, read from the text they sent: the whole text must be
 * one of the words, once case, accents, punctuation and surrounding or repeated spaces are set aside
 * (docs/contracts/providers/cloudapi.md §6: substring matching would catch ordinary sentences).
 */
export type OptChange = 'opt-out' | 'opt-in';

export const DEFAULT_OPT_OUT_WORDS: readonly string[] = ['BAJA', 'STOP', 'CANCELAR', 'NO MAS'];
export const DEFAULT_OPT_IN_WORDS: readonly string[] = ['ALTA', 'START'];

export interface OptWords {
  readonly optOut: readonly string[];
  readonly optIn: readonly string[];
}

/** `"  No más! "` → `"NO MAS"`: accents stripped (NFKD), punctuation and emoji dropped, spaces collapsed. */
function normaliseWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .toUpperCase();
}

export function optChangeOf(text: string, words: OptWords): OptChange | null {
  const word = normaliseWord(text);
  if (word === '') return null;
  if (words.optOut.some((candidate) => normaliseWord(candidate) === word)) return 'opt-out';
  if (words.optIn.some((candidate) => normaliseWord(candidate) === word)) return 'opt-in';
  return null;
}
