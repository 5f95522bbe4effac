import { isCDATA, isComment, isDirective, isTag, isText, type AnyNode, type ParentNode } from 'domhandler';

/**
 * The nodes' HTML by the standard's serialisation algorithm (what parse5 and browsers write): text and
 * attribute values escaped, style and script text as it is, comments unable to end early, void elements without an end tag, every
 * other character as itself. Attribute values escape `<` and `>` too, as browsers now do.
 */
export function serializeHtml(nodes: AnyNode | readonly AnyNode[]): string {
  // One string grown by concatenation (V8 joins the pieces once, when the page is used): no array of parts.
  let html = '';
  const write = (node: AnyNode): void => {
    if (isTag(node)) {
      html += `<${node.name}`;
      const { attribs } = node;
      for (const name in attribs) html += ` ${name}="${escapeAttribute(attribs[name]!)}"`;
      html += '>';
      if (VOID_ELEMENTS.has(node.name)) return;
      for (const child of node.children) write(child);
      html += `</${node.name}>`;
    } else if (isText(node)) {
      const parent = node.parent;
      html += parent !== null && isTag(parent) && RAW_TEXT_ELEMENTS.has(parent.name) ? node.data : escapeText(node.data);
    } else if (isComment(node)) {
      html += `<!--${commentText(node.data)}-->`;
    } else if (isDirective(node)) {
      html += `<${node.data}>`;
    } else if (isCDATA(node) || node.type === 'root') {
      for (const child of node.children) write(child);
    }
  };
  for (const node of Array.isArray(nodes) ? (nodes as readonly AnyNode[]) : [nodes as AnyNode]) write(node);
  return html;
}

/** The HTML of a node's children. */
export function innerHtml(parent: ParentNode): string {
  return serializeHtml(parent.children);
}

const VOID_ELEMENTS: ReadonlySet<string> = new Set(
  'area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr'.split(' '),
);
/**
 * Their text is written as it is: those whose text htmlparser2 reads without decoding references, up to
 * their end tag, which the text so never holds (it reads textarea so too, where the standard decodes). The
 * standard has more (iframe, noembed, noframes, plaintext, noscript), whose text htmlparser2 decodes like
 * any other: written as it is, a `&lt;img onerror&gt;` there would come back as an element when a report's
 * sections are parsed again. The policy drops all but style from the pages.
 */
const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set(['style', 'script', 'textarea', 'xmp']);

/** A comment's text never ends it early: htmlparser2 reads `<![CDATA[ … ]]>` as a comment, which may hold `-->`. */
function commentText(data: string): string {
  return data.replace(/--(!?)>/gu, '--$1&gt;');
}

function escapeText(text: string): string {
  return /[&<>\u00a0]/u.test(text) ? text.replace(/[&<>\u00a0]/gu, (character) => ESCAPES[character]!) : text;
}

function escapeAttribute(value: string): string {
  return /[&"<>\u00a0]/u.test(value) ? value.replace(/[&"<>\u00a0]/gu, (character) => ESCAPES[character]!) : value;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;', '\u00a0': '&nbsp;' };
