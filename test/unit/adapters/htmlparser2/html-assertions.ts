import { load, type CheerioAPI } from 'cheerio';
import { isTag } from 'domhandler';

/**
 * What a page served from CVT's domain must never contain, checked on the page as a browser would
 * parse it. Returns the violations found, so that a failing test says what slipped through.
 */
export function unsafeConstructs(html: string): string[] {
  const $ = load(html);
  const problems: string[] = [];
  for (const selector of [
    'script',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'form',
    'base',
    'svg',
    'math',
    'link',
    'noscript',
    'template',
    'input',
    'button',
    'textarea',
    'isindex',
  ]) {
    if ($(selector).length > 0) problems.push(`<${selector}> element`);
  }
  if ($('meta[http-equiv]').length > 0) problems.push('<meta http-equiv>');
  for (const element of $('*').toArray().filter(isTag)) {
    for (const [name, value] of Object.entries(element.attribs)) {
      const attribute = name.toLowerCase();
      if (attribute.startsWith('on')) problems.push(`${element.tagName}[${name}] event handler`);
      if (URL_ATTRIBUTES.has(attribute) && isDangerousUrl(value, element.tagName, attribute))
        problems.push(`${element.tagName}[${name}=${JSON.stringify(value)}]`);
      if (attribute === 'style' && isDangerousCss(value)) problems.push(`${element.tagName}[style=${JSON.stringify(value)}]`);
    }
  }
  $('style').each((_, element) => {
    const css = $(element).text();
    if (isDangerousCss(css)) problems.push(`<style>${css}</style>`);
  });
  return problems;
}

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'background',
  'srcset',
  'xlink:href',
  'data',
  'poster',
  'dynsrc',
  'lowsrc',
  'cite',
  'longdesc',
]);
const SAFE_IMAGE_DATA = /^data:image\/(png|gif|jpeg|jpg|webp);base64,/u;

function isDangerousUrl(value: string, element: string, attribute: string): boolean {
  // Browsers skip control characters and white space inside a scheme, and schemes are case-insensitive.
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/gu, '').toLowerCase();
  if (element === 'img' && attribute === 'src' && SAFE_IMAGE_DATA.test(compact)) return false;
  return /^(javascript|vbscript|data|livescript|mocha):/u.test(compact);
}

/**
 * CSS as a browser's tokenizer reads it, in one pass as the tokenizer does: comments skipped, escapes
 * decoded, line continuations joined. Errs towards seeing more than a browser would.
 */
export function cssAsBrowserReads(css: string): string {
  let out = '';
  for (let i = 0; i < css.length;) {
    if (css.startsWith('/*', i)) {
      const end = css.indexOf('*/', i + 2);
      i = end === -1 ? css.length : end + 2;
    } else if (css[i] === '\\') {
      const hex = /^[0-9a-f]{1,6}/iu.exec(css.slice(i + 1, i + 7))?.[0];
      if (hex !== undefined) {
        const code = Number.parseInt(hex, 16);
        out += code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
        i += 1 + hex.length;
        if (css.startsWith('\r\n', i)) i += 2;
        else if (/[ \t\n\r\f]/u.test(css[i] ?? '')) i += 1;
      } else if (css.startsWith('\r\n', i + 1)) {
        i += 3;
      } else if (/[\n\r\f]/u.test(css[i + 1] ?? '')) {
        i += 2;
      } else {
        out += css[i + 1] ?? '';
        i += 2;
      }
    } else {
      out += css[i];
      i += 1;
    }
  }
  return out;
}

export function isDangerousCss(css: string): boolean {
  return /expression\s*\(|javascript\s*:|vbscript\s*:|@import|-moz-binding|behaviou?r\s*:/iu.test(cssAsBrowserReads(css));
}

export function parse(html: string): CheerioAPI {
  return load(html);
}

/** Fixed pixel widths above `limit` left in `width` attributes or inline styles. */
export function fixedWidthsAbove(html: string, limit: number): string[] {
  const $ = load(html);
  const found: string[] = [];
  $('[width]').each((_, element) => {
    const value = (element.attribs['width'] ?? '').trim();
    if (!value.endsWith('%') && Number.parseFloat(value) > limit) found.push(`${element.tagName}[width=${value}]`);
  });
  $('[style]').each((_, element) => {
    const style = element.attribs['style'] ?? '';
    for (const match of style.matchAll(/(?:^|;)\s*((?:min-)?width)\s*:\s*(\d+(?:\.\d+)?)(px|pt)?\s*(?:!important\s*)?(?=;|$)/giu)) {
      const pixels = Number.parseFloat(match[2]!) * (match[3]?.toLowerCase() === 'pt' ? 4 / 3 : 1);
      if (pixels > limit) found.push(`${element.tagName}[style=${style}]`);
    }
  });
  return found;
}
