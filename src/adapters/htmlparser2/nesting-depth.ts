/**
 * How deep a document nests, measured without building it: one linear pass over the tags with a stack
 * no deeper than `limit`. The HTML parser and the tree walks after it cost more than linear time (and
 * recursion) in the depth; a document 40,000 levels deep took half a minute and ended in a stack
 * overflow. The count follows the parser where it matters (void elements, raw text, the end tags a
 * start tag implies, self-closing tags in SVG and MathML) and otherwise errs on the deep side.
 */
export function exceedsNestingDepth(html: string, limit: number): boolean {
  const lower = html.toLowerCase();
  const stack: string[] = [];
  /** Formatting elements closed by another element's end tag: the parser opens them again at the next tag. */
  const reopen: string[] = [];
  let foreign = 0;
  let index = 0;
  for (;;) {
    const open = html.indexOf('<', index);
    if (open === -1 || open + 1 >= html.length) return false;
    const next = html.charCodeAt(open + 1);
    if (next === 0x21 /* ! */) {
      index = html.startsWith('<!--', open) ? endOf(html, '-->', open + 4) : endOf(html, '>', open + 2);
      continue;
    }
    if (next === 0x3f /* ? */) {
      index = endOf(html, '>', open + 2);
      continue;
    }
    const closing = next === 0x2f; /* / */
    const nameStart = closing ? open + 2 : open + 1;
    const name = tagName(html, nameStart);
    if (name === '') {
      index = open + 1;
      continue;
    }
    const tagEnd = endOfTag(html, nameStart + name.length);
    index = tagEnd;
    if (foreign > 0 && (closing ? BREAKOUT_END_TAGS.has(name) : breaksOut(name, html, nameStart + name.length, tagEnd))) {
      leaveForeignContent(stack);
      foreign = 0;
    }
    // Table parts outside any table are dropped by the parser, start and end tags alike.
    if (TABLE_PARTS.has(name) && foreign === 0) {
      if (!stack.includes('table')) continue;
      // Inside a table, what was opened between (and moved out of it by the parser) is closed first; the
      // formatting elements among it the parser opens again at the next tag outside the table's own parts.
      if (!closing)
        while (stack.length > 0 && !TABLE_CONTEXT.has(stack.at(-1)!)) {
          const popped = stack.pop()!;
          if (FORMATTING_ELEMENTS.has(popped)) reopen.unshift(popped);
        }
    }
    if (closing) {
      if (FORMATTING_ELEMENTS.has(name) && moveIntoBlock(stack, name)) continue;
      const at = openElementInScope(stack, name);
      if (at !== -1) {
        for (let popped = stack.length - 1; popped >= at; popped--) if (FOREIGN_ROOTS.has(stack[popped]!)) foreign--;
        reopen.push(...stack.slice(at + 1).filter((open) => FORMATTING_ELEMENTS.has(open)));
        stack.length = at;
      } else if (reopen.includes(name)) {
        reopen.splice(reopen.lastIndexOf(name), 1);
      }
      continue;
    }
    if (reopen.length > 0 && foreign === 0 && !TABLE_PARTS.has(name)) {
      stack.push(...reopen.splice(0));
      if (stack.length > limit) return true;
    }
    // In SVG and MathML only a self-closing tag ends at once: `<col>` there is an element like any other.
    if (foreign === 0 && VOID_ELEMENTS.has(name)) {
      if (name === 'col' && stack.at(-1) === 'table') stack.push('colgroup');
      if (stack.length > limit) return true;
      continue;
    }
    if (foreign > 0 && html.charCodeAt(tagEnd - 2) === 0x2f /* / */) continue;
    if (foreign === 0) {
      closeImplied(stack, name);
      for (const implied of impliedParents(stack.at(-1), name)) stack.push(implied);
    }
    // In SVG and MathML a script or style is an element like any other: its content is markup.
    if (foreign === 0 && RAW_TEXT_ELEMENTS.has(name)) {
      const end = lower.indexOf(`</${name}`, tagEnd);
      index = end === -1 ? html.length : end;
      continue;
    }
    if (FOREIGN_ROOTS.has(name)) foreign++;
    stack.push(name);
    if (stack.length > limit) return true;
  }
}

/**
 * An HTML element such as a div or a br written inside SVG or MathML: the parser closes the foreign elements
 * and puts it after them ("breakout"), so what follows is HTML again. The closed elements stay in the count
 * under a name no end tag matches: as deep as before (the count errs on the deep side, and stops short of the
 * standard's exceptions, such as HTML inside a `foreignObject`), and a later `</svg>`, which the parser now
 * ignores, closes nothing.
 */
function leaveForeignContent(stack: string[]): void {
  const outermost = stack.findIndex((open) => FOREIGN_ROOTS.has(open));
  for (let index = Math.max(outermost, 0); index < stack.length; index++) stack[index] = LEFT_FOREIGN;
}

/** A start tag that ends foreign content: one of the standard's list, and `font` only with a color, face or size. */
function breaksOut(name: string, html: string, attributesStart: number, tagEnd: number): boolean {
  if (name !== 'font') return BREAKOUT_START_TAGS.has(name);
  return attributeNames(html, attributesStart, tagEnd).some((attribute) => FONT_BREAKOUT_ATTRIBUTES.has(attribute));
}

/** The names of a tag's attributes, quoted values skipped (a value may hold any text). */
function attributeNames(html: string, from: number, tagEnd: number): string[] {
  const names: string[] = [];
  let index = from;
  const isSpace = (code: number) => code === 0x20 || (code >= 0x09 && code <= 0x0d);
  while (index < tagEnd) {
    const code = html.charCodeAt(index);
    if (isSpace(code) || code === 0x2f /* / */ || code === 0x3e /* > */) {
      index++;
      continue;
    }
    const start = index;
    while (index < tagEnd && !isSpace(html.charCodeAt(index)) && !'=/>'.includes(html[index]!)) index++;
    names.push(html.slice(start, index).toLowerCase());
    while (index < tagEnd && isSpace(html.charCodeAt(index))) index++;
    if (html.charCodeAt(index) !== 0x3d /* = */) continue;
    index++;
    while (index < tagEnd && isSpace(html.charCodeAt(index))) index++;
    const quote = html.charCodeAt(index);
    if (quote === 0x22 || quote === 0x27) {
      const close = html.indexOf(html[index]!, index + 1);
      index = close === -1 ? tagEnd : close + 1;
    } else {
      while (index < tagEnd && !isSpace(html.charCodeAt(index)) && html.charCodeAt(index) !== 0x3e) index++;
    }
  }
  return names;
}

function endOf(html: string, marker: string, from: number): number {
  const at = html.indexOf(marker, from);
  return at === -1 ? html.length : at + marker.length;
}

function tagName(html: string, from: number): string {
  let end = from;
  const first = html.charCodeAt(end);
  const letter = (first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a);
  if (!letter) return '';
  while (end < html.length) {
    const code = html.charCodeAt(end);
    if (code === 0x3e || code === 0x2f || code === 0x20 || (code >= 0x09 && code <= 0x0d)) break;
    end++;
  }
  return html.slice(from, end).toLowerCase();
}

/** Past the tag's `>`, skipping quoted attribute values, which may hold one. */
function endOfTag(html: string, from: number): number {
  let quote = 0;
  for (let index = from; index < html.length; index++) {
    const code = html.charCodeAt(index);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) {
      if (html.charCodeAt(index - 1) === 0x3d /* = */ || /\s/u.test(html[index - 1] ?? '')) quote = code;
    } else if (code === 0x3e) {
      return index + 1;
    }
  }
  return html.length;
}

/** A start tag that ends the element on top of the stack, as the parser's implied end tags do. */
function closeImplied(stack: string[], name: string): void {
  const siblings = IMPLIED_SIBLINGS.get(name);
  while (stack.length > 0 && siblings?.has(stack.at(-1)!) === true) stack.pop();
  if (stack.at(-1) === 'p' && CLOSES_P.has(name)) stack.pop();
  if (stack.at(-1) === 'colgroup' && name !== 'col') stack.pop();
}

/** Where `name` is open without a table or cell between it and the top; -1 when its end tag is ignored, as the parser ignores it. */
function openElementInScope(stack: readonly string[], name: string): number {
  // The end tag of an ordinary element (span, b, font…) closes nothing across a block such as a div: the
  // parser ignores it (or, for formatting elements, rebuilds them inside the block, as deep).
  const boundaries = SPECIAL_ELEMENTS.has(name) ? (NARROWER_SCOPES.get(name) ?? SCOPE_BOUNDARIES) : SPECIAL_ELEMENTS;
  for (let index = stack.length - 1; index >= 0; index--) {
    const open = stack[index]!;
    if (open === name) return index;
    if (boundaries.has(open)) return -1;
  }
  return -1;
}

/**
 * `</b>` with a block opened inside the b: the parser's adoption agency takes the b off the stack and puts a
 * copy inside the block, as deep as it was, which the block's end tag then closes with it. False when no
 * block is in the way (an ordinary end tag).
 */
function moveIntoBlock(stack: string[], name: string): boolean {
  const at = stack.lastIndexOf(name);
  if (at === -1) return false;
  // Out of scope (a table or a cell opened inside it): the parser ignores the end tag, and the element stays open.
  if (stack.some((open, index) => index > at && SCOPE_BOUNDARIES.has(open))) return true;
  const block = stack.findIndex((open, index) => index > at && SPECIAL_ELEMENTS.has(open));
  if (block === -1) return false;
  stack.splice(block + 1, 0, name);
  stack.splice(at, 1);
  return true;
}

const FORMATTING_ELEMENTS: ReadonlySet<string> = new Set('a b big code em font i nobr s small strike strong tt u'.split(' '));

/** The HTML standard's special elements (§13.2.4.2), those an ordinary end tag never closes. */
const SPECIAL_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup dd details dir div dl dt ' +
    'embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe img input keygen li ' +
    'link listing main marquee menu meta nav noembed noframes noscript object ol p param plaintext pre script search section select source ' +
    'style summary table tbody td template textarea tfoot th thead title tr track ul wbr xmp'
  ).split(' '),
);

const SCOPE_BOUNDARIES: ReadonlySet<string> = new Set(['table', 'td', 'th', 'caption', 'template', 'applet', 'object', 'marquee', 'html']);
/** `</li>` looks no further than the nearest list (list item scope), `</p>` than a button (button scope). */
const NARROWER_SCOPES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['li', new Set([...SCOPE_BOUNDARIES, 'ul', 'ol'])],
  ['p', new Set([...SCOPE_BOUNDARIES, 'button'])],
]);

/** The elements the parser inserts above a table part written without them (`<table><td>` is table > tbody > tr > td; `<table><col>` is table > colgroup > col). */
function impliedParents(top: string | undefined, name: string): string[] {
  if (name === 'tr' && top === 'table') return ['tbody'];
  if (name === 'td' || name === 'th') {
    if (top === 'table') return ['tbody', 'tr'];
    if (top !== undefined && TABLE_SECTIONS.has(top)) return ['tr'];
  }
  return [];
}

const TABLE_PARTS: ReadonlySet<string> = new Set(['caption', 'colgroup', 'col', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th']);
const TABLE_CONTEXT: ReadonlySet<string> = new Set(['table', 'template', 'html', ...TABLE_PARTS]);
const TABLE_SECTIONS: ReadonlySet<string> = new Set(['tbody', 'thead', 'tfoot']);
const VOID_ELEMENTS: ReadonlySet<string> = new Set(
  'area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr'.split(' '),
);
const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set(
  'script style textarea title xmp iframe noembed noframes noscript plaintext'.split(' '),
);
const FOREIGN_ROOTS: ReadonlySet<string> = new Set(['svg', 'math']);
/** What an element closed by a breakout is counted as: not a tag name, so no end tag matches it. */
const LEFT_FOREIGN = '#left-foreign';
/** The start tags that end foreign content (HTML standard, "parsing main inforeign"); `font` only with one of its attributes. */
const BREAKOUT_START_TAGS: ReadonlySet<string> = new Set(
  (
    'b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta ' +
    'nobr ol p pre ruby s small span strong strike sub sup table tt u ul var'
  ).split(' '),
);
const BREAKOUT_END_TAGS: ReadonlySet<string> = new Set(['br', 'p']);
const FONT_BREAKOUT_ATTRIBUTES: ReadonlySet<string> = new Set(['color', 'face', 'size']);
const CELL = new Set(['td', 'th']);
const DEFINITION = new Set(['dt', 'dd']);
const ROW = new Set(['tr', ...CELL]);
const TABLE_PART = new Set(['thead', 'tbody', 'tfoot', ...ROW]);
const RUBY = new Set(['rb', 'rt', 'rp', 'rtc']);
const IMPLIED_SIBLINGS: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ['p', new Set(['p'])],
  ['li', new Set(['li'])],
  ['dt', DEFINITION],
  ['dd', DEFINITION],
  ['tr', ROW],
  ['td', CELL],
  ['th', CELL],
  ['thead', TABLE_PART],
  ['tbody', TABLE_PART],
  ['tfoot', TABLE_PART],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['option', 'optgroup'])],
  ['rb', RUBY],
  ['rt', RUBY],
  ['rp', RUBY],
  ['rtc', RUBY],
]);
const CLOSES_P: ReadonlySet<string> = new Set(
  'address article aside blockquote center dd details dialog dir div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li listing main menu nav ol plaintext pre search section summary ul xmp'.split(
    ' ',
  ),
);
