/**
 * Type sizes a reader can read on a phone. E-mail templates set 11–12 px for dates, outlets and
 * footers and 13 px for summaries; on a phone that is too small. Headlines and running text (a text
 * of some length: a summary, a paragraph) get at least the body size; every other text at least the
 * secondary size.
 */
export const MIN_BODY_TEXT_PX = 14;
export const MIN_SECONDARY_TEXT_PX = 12;
/** A text this long (white space collapsed) is running text, not a label, a date or an outlet. */
export const RUNNING_TEXT_MIN_LENGTH = 60;

const KEYWORD_PX: Readonly<Record<string, number>> = {
  'xx-small': 9,
  'x-small': 10,
  small: 13,
  medium: 16,
  large: 18,
  'x-large': 24,
  'xx-large': 32,
  'xxx-large': 48,
};

/** A `font-size` value that is never below `floorPx`: raised when it is known to be smaller, bounded otherwise. */
export function fontSizeAtLeast(value: string, floorPx: number): string {
  const trimmed = value.trim();
  const length = /^(\d+(?:\.\d+)?|\.\d+)(px|pt)?$/iu.exec(trimmed);
  if (length !== null) {
    const pixels = Number.parseFloat(length[1]!) * (length[2]?.toLowerCase() === 'pt' ? 4 / 3 : 1);
    return pixels >= floorPx ? trimmed : `${floorPx}px`;
  }
  const keyword = KEYWORD_PX[trimmed.toLowerCase()];
  if (keyword !== undefined) return keyword >= floorPx ? trimmed : `${floorPx}px`;
  // Relative sizes (em, rem, %, smaller) depend on the parent; max() bounds them without knowing it.
  if (/^(\d+(?:\.\d+)?|\.\d+)(em|rem|%|vw|vh|vmin|vmax|ch|ex)$/iu.test(trimmed)) return `max(${trimmed},${floorPx}px)`;
  if (/^(smaller|larger)$/iu.test(trimmed)) return `max(1em,${floorPx}px)`;
  return trimmed;
}

// No two white-space runs sit side by side: that would make long blank runs quadratic.
const FONT_SIZE = /(^|[;{])(\s*font-size\s*:)([^;}!]*)((?:!\s*important\s*)?)(?=[;}]|$)/giu;

/** Every `font-size` declaration of a style attribute or sheet raised to `floorPx`. */
export function cssWithFontSizesAtLeast(css: string, floorPx: number): string {
  return css.replace(
    FONT_SIZE,
    (_match, separator: string, property: string, value: string, important: string) =>
      `${separator}${property}${fontSizeAtLeast(value, floorPx)}${important}`,
  );
}

/** True when the style declares a font size. */
export function declaresFontSize(css: string): boolean {
  return /(^|;)\s*font-size\s*:/iu.test(css);
}

/** The size the legacy `<font size>` attribute gives, in pixels, as browsers map it. */
export function legacyFontSizePx(size: string): number | undefined {
  const sizes = [10, 13, 16, 18, 24, 32, 48];
  const match = /^\s*([+-]?)(\d)\s*$/u.exec(size);
  if (match === null) return undefined;
  const step = Number(match[2]);
  const index = match[1] === '' ? step - 1 : 2 + (match[1] === '+' ? step : -step);
  return sizes[Math.min(sizes.length - 1, Math.max(0, index))];
}
