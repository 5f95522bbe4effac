import { escapeHtml } from '../shared/text.ts';

/** Marks pages this service produced, so that a page processed once is never wrapped again. */
export const GENERATED_PAGE_MARKER = 'cvt-whatsapp';

export interface PagePreview {
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly imageUrl: string | null;
}

/**
 * The head every page gets: readable on a phone (viewport), correct characters, and the preview
 * WhatsApp shows when the link is shared (`og:` tags).
 */
export function pageHead(preview: PagePreview, css: string): string {
  const tags = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${GENERATED_PAGE_MARKER}">`,
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(preview.title)}</title>`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:site_name" content="Controles">`,
    `<meta property="og:title" content="${escapeHtml(preview.title)}">`,
    `<meta property="og:description" content="${escapeHtml(preview.description)}">`,
    `<meta property="og:url" content="${escapeHtml(preview.url)}">`,
    `<meta property="og:locale" content="es_CR">`,
  ];
  if (preview.imageUrl !== null) tags.push(`<meta property="og:image" content="${escapeHtml(preview.imageUrl)}">`);
  tags.push(`<style>${css}</style>`);
  return tags.join('\n');
}
