/**
 * What may survive in a page served from CVT's domain. Pages come from Meltwater and from CVT's
 * report generator, and are opened by clients on their phones: nothing that runs code, submits
 * data or loads another document is kept. The policy is an allow-list; the HTML adapter applies it.
 */

/** Removed together with everything inside them. */
export const DROPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'script',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'param',
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'datalist',
  'output',
  'svg',
  'math',
  'base',
  'link',
  'meta',
  'title',
  'portal',
  'dialog',
  'audio',
  'video',
  'source',
  'track',
  'canvas',
  'xml',
  'xmp',
  'plaintext',
  'noembed',
  'noframes',
]);

/** Kept with their allowed attributes. Any other element is unwrapped: its children stay. */
export const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set([
  'html',
  'head',
  'body',
  'style',
  'div',
  'span',
  'p',
  'br',
  'hr',
  'a',
  'img',
  'center',
  'font',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'colgroup',
  'col',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'small',
  'sub',
  'sup',
  'mark',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'code',
  'figure',
  'figcaption',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'time',
  'abbr',
  'cite',
  'q',
]);

const GLOBAL_ATTRIBUTES = new Set([
  'style',
  'class',
  'id',
  'title',
  'lang',
  'dir',
  'align',
  'valign',
  'width',
  'height',
  'bgcolor',
  'color',
  'border',
  'cellpadding',
  'cellspacing',
  'colspan',
  'rowspan',
  'face',
  'size',
  'background',
]);
const ELEMENT_ATTRIBUTES: Readonly<Record<string, ReadonlySet<string>>> = {
  a: new Set(['href', 'target', 'rel', 'name']),
  img: new Set(['src', 'alt']),
  time: new Set(['datetime']),
  ol: new Set(['start', 'type']),
};
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'src', 'background']);

export function isAllowedAttribute(element: string, attribute: string): boolean {
  const name = attribute.toLowerCase();
  return GLOBAL_ATTRIBUTES.has(name) || (ELEMENT_ATTRIBUTES[element]?.has(name) ?? false);
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const SAFE_IMAGE_DATA = /^data:image\/(png|gif|jpe?g|webp);base64,[a-z0-9+/=\s]*$/iu;
// Browsers ignore control characters and white space inside a scheme ("java\tscript:").
const IGNORED_BY_BROWSERS = /[\u0000-\u0020\u007f-\u009f]/gu;

/** Allows web, mail and phone links, in-page anchors and relative paths; never script or data documents. */
export function isSafeUrl(value: string, attribute: string): boolean {
  const compact = value.replace(IGNORED_BY_BROWSERS, '');
  const scheme = /^([a-z][a-z0-9+.-]*:)/iu.exec(compact)?.[1]?.toLowerCase();
  if (scheme === undefined) return !compact.startsWith('\\');
  if (SAFE_SCHEMES.has(scheme)) return true;
  return attribute === 'src' && SAFE_IMAGE_DATA.test(value.trim());
}

// URL parsers drop tabs and line breaks inside a scheme, so `url("java<tab>script:…")` counts as a
// scheme too. No two white-space runs sit side by side: that would make long blank runs quadratic.
const DANGEROUS_CSS =
  /expression\s*\(|javascript\s*:|vbscript\s*:|behaviou?r\s*:|-moz-binding|@import|url\s*\([\s\u0000-\u001f]*(?:['"][\s\u0000-\u001f]*)?(?!https?:|data:image\/)[a-z][a-z0-9+.\-\s\u0000-\u001f]*:/giu;

/** Real style sheets settle in one or two passes; input that needs more was built to evade the pass. */
const MAX_CSS_PASSES = 8;

/**
 * Strips the CSS constructs that can run code or load documents from a style attribute or element.
 * Removal repeats until nothing changes, so fragments cannot join into a new dangerous token, and
 * `<` is escaped so that the text can never close its `<style>` element. CSS that does not settle
 * within a few passes is dropped whole.
 */
export function sanitizeCss(css: string): string {
  let current = css;
  for (let pass = 0; pass < MAX_CSS_PASSES; pass++) {
    // Escapes and comments could spell a dangerous word in a way the pattern does not see. A backslash
    // before a line break is a line continuation inside a CSS string, so it goes too.
    const next = current
      .replace(/\\(?:[0-9a-f]{1,6}(?:\r\n|[ \t\n\r\f])?|[\s\S]?)/giu, '')
      .replace(/\/\*[\s\S]*?\*\//gu, '')
      // "_" can be part of no dangerous token, so the pieces around a removed one cannot join into
      // another ("expr" + "expression(" + "ession(" would otherwise take one pass per level).
      .replace(DANGEROUS_CSS, '_');
    if (next === current) return next.replace(/</gu, '\\3c ');
    current = next;
  }
  return '';
}
