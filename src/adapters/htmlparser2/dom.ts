import { hasChildren, isComment, isTag, isText, Text, type AnyNode, type ChildNode, type Element, type ParentNode } from 'domhandler';

/** The text of a node as the DOM's `textContent` gives it, every text below it, comments left out, without a query's overhead. */
export function textContent(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!hasChildren(node) || isComment(node)) return '';
  let text = '';
  for (const child of node.children) text += textContent(child);
  return text;
}

/** HTML's white space (space, tab, line feed, form feed, carriage return) only. */
export function isWhitespace(text: string): boolean {
  return /^[ \t\n\f\r]*$/u.test(text);
}

/** Every element below `root`, in document order, that `test` accepts. */
export function elementsWhere(root: ParentNode, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const visit = (parent: ParentNode): void => {
    for (const node of parent.children) {
      if (isTag(node) && test(node)) found.push(node);
      if (hasChildren(node)) visit(node);
    }
  };
  visit(root);
  return found;
}

/** Takes a node out of the tree, with everything below it. */
export function removeNode(node: ChildNode): void {
  const parent = node.parent;
  if (parent !== null) {
    const index = parent.children.indexOf(node);
    if (index !== -1) parent.children.splice(index, 1);
  }
  if (node.prev !== null) node.prev.next = node.next;
  if (node.next !== null) node.next.prev = node.prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}

/** Puts an element's children in its place. */
export function unwrap(element: Element): void {
  const parent = element.parent;
  if (parent === null) return;
  const children = element.children;
  const index = parent.children.indexOf(element);
  for (const child of children) child.parent = parent;
  parent.children.splice(index, 1, ...children);
  element.children = [];
  element.parent = null;
  element.prev = null;
  element.next = null;
  linkAround(parent.children, index - 1, index + children.length);
}

/** Replaces what an element holds with one text. */
export function setText(element: Element, text: string): void {
  for (const child of element.children) child.parent = null;
  const node = new Text(text);
  node.parent = element;
  element.children = [node];
}

export function appendChildren(parent: ParentNode, nodes: readonly ChildNode[]): void {
  insertChildren(parent, parent.children.length, nodes);
}

export function prependChildren(parent: ParentNode, nodes: readonly ChildNode[]): void {
  insertChildren(parent, 0, nodes);
}

/** Puts nodes (taken from wherever they are) just before `reference`, in order. */
export function insertBefore(reference: ChildNode, nodes: readonly ChildNode[]): void {
  const parent = reference.parent;
  if (parent !== null) insertChildren(parent, parent.children.indexOf(reference), nodes);
}

/** Puts nodes (taken from wherever they are) just after `reference`, in order. */
export function insertAfter(reference: ChildNode, nodes: readonly ChildNode[]): void {
  const parent = reference.parent;
  if (parent !== null) insertChildren(parent, parent.children.indexOf(reference) + 1, nodes);
}

function insertChildren(parent: ParentNode, at: number, nodes: readonly ChildNode[]): void {
  if (nodes.length === 0) return;
  let index = at;
  for (const node of nodes) {
    // Taking a node out of this same parent before the insertion point moves the point back.
    if (node.parent === parent && parent.children.indexOf(node) < index) index--;
    removeNode(node);
    node.parent = parent;
  }
  parent.children.splice(index, 0, ...nodes);
  linkAround(parent.children, index - 1, index + nodes.length);
}

/** Sets prev and next from `from` to `to` (inclusive, clamped to the list). */
function linkAround(nodes: readonly ChildNode[], from: number, to: number): void {
  const start = Math.max(0, from);
  const end = Math.min(nodes.length - 1, to);
  for (let index = start; index <= end; index++) {
    nodes[index]!.prev = nodes[index - 1] ?? null;
    nodes[index]!.next = nodes[index + 1] ?? null;
  }
}
