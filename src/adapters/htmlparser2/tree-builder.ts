import { DomHandler, isTag, isText, type ChildNode, type Document, type Element, type ParentNode } from 'domhandler';
import { Parser } from 'htmlparser2';
import { insertAfter, insertBefore, isWhitespace } from './dom.ts';

/** A page nested deeper than the limit it was parsed with; no tree is built past it. */
export class NestingTooDeepError extends Error {
  readonly maxDepth: number;

  constructor(maxDepth: number) {
    super(`the page nests elements more than ${maxDepth} levels deep`);
    this.name = 'NestingTooDeepError';
    this.maxDepth = maxDepth;
  }
}

/** Elements whose children are table parts only: anything else written there is moved before the table. */
const TABLE_BOXES: ReadonlySet<string> = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr']);
const TABLE_CONTENT: ReadonlySet<string> = new Set('caption colgroup col thead tbody tfoot tr td th script style template'.split(' '));

/**
 * Builds htmlparser2's tree and holds it to the depth limit. The pre-parse count (nesting-depth.ts) follows
 * the HTML standard's parser; htmlparser2 recovers from some broken markup by nesting instead (a table row
 * opened inside a cell's block), and every walk of the tree recurses: the tree itself is held to the limit.
 * It also notes the two recoveries of the standard's parser that change what a reader finds, for
 * {@link recoverAsTheStandard} to apply: a link opened inside a link, content written between table parts.
 */
class TreeBuilder extends DomHandler {
  readonly #maxDepth: number;
  /** Links opened while another was open, in document order. */
  readonly nestedLinks: Element[] = [];
  /** Elements and texts written directly inside a table, a row group or a row, in document order. */
  readonly misplacedInTables = new Set<ChildNode>();

  constructor(maxDepth: number) {
    super();
    this.#maxDepth = maxDepth;
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    // The stack holds the document itself below the open elements.
    const depth = this.tagStack.length - 1;
    if (depth > this.#maxDepth) throw new NestingTooDeepError(this.#maxDepth);
    const element = this.tagStack[depth] as Element;
    const parent = this.tagStack[depth - 1]!;
    if (isTag(parent) && TABLE_BOXES.has(parent.name) && !TABLE_CONTENT.has(name)) this.misplacedInTables.add(element);
    if (name === 'a' && this.tagStack.some((open, index) => index < depth && isTag(open) && open.name === 'a'))
      this.nestedLinks.push(element);
  }

  override ontext(data: string): void {
    super.ontext(data);
    const text = this.lastNode;
    if (text === null || !isText(text) || isWhitespace(data)) return;
    const parent = text.parent;
    if (parent !== null && isTag(parent) && TABLE_BOXES.has(parent.name)) this.misplacedInTables.add(text);
  }
}

/** The tree of `html` as htmlparser2 builds it, with the standard's recoveries that matter to a reader. */
export function buildTree(html: string, maxDepth: number): Document {
  const builder = new TreeBuilder(maxDepth);
  // As the standard's input stream does: every line break is a line feed (Meltwater's e-mails end lines with CR LF).
  const normalised = html.includes('\r') ? html.replace(/\r\n?/gu, '\n') : html;
  new Parser(builder, { decodeEntities: true }).end(normalised);
  recoverAsTheStandard(builder);
  return builder.root;
}

/**
 * What the standard's parser does that htmlparser2 does not, where a reader would see the difference: a
 * link opened inside another ends the other there (a headline is never read as part of the text of the
 * link around it), and what is written between a table's parts is put before the table (foster
 * parenting: it is never read as the context of a row's headline).
 */
function recoverAsTheStandard(builder: TreeBuilder): void {
  for (const node of builder.misplacedInTables) {
    let table: ParentNode | null = node.parent;
    while (table !== null && isTag(table) && table.name !== 'table') table = table.parent;
    if (table !== null && isTag(table)) insertBefore(table, [node]);
  }
  for (const inner of builder.nestedLinks) {
    let child: ChildNode = inner;
    let outer = inner.parent;
    while (outer !== null && !(isTag(outer) && outer.name === 'a')) {
      child = outer as ChildNode;
      outer = outer.parent;
    }
    if (outer === null || !isTag(outer)) continue;
    // The outer link ends where the inner one starts: what follows it in the outer link comes after it.
    insertAfter(outer, outer.children.slice(outer.children.indexOf(child)));
  }
}
