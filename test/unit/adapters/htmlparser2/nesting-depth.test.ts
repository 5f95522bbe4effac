import { fc, test } from '@fast-check/vitest';
import { load } from 'cheerio';
import { hasChildren, type AnyNode } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { exceedsNestingDepth } from '../../../../src/adapters/htmlparser2/nesting-depth.ts';

/** The depth the HTML parser actually builds: the longest chain of elements from the document down. */
function parsedDepth(html: string): number {
  let deepest = 0;
  const stack: [AnyNode, number][] = [[load(html).root().get(0)!, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (hasChildren(node))
      for (const child of node.children)
        stack.push([child, child.type === 'tag' || child.type === 'script' || child.type === 'style' ? depth + 1 : depth]);
  }
  return deepest;
}

/** The smallest limit the scan accepts the page within: its estimate of the depth. */
function scannedDepth(html: string): number {
  let limit = 0;
  while (exceedsNestingDepth(html, limit)) limit++;
  return limit;
}

const TAGS = [
  'div',
  'p',
  'span',
  'b',
  'i',
  'a',
  'ul',
  'li',
  'table',
  'tbody',
  'tr',
  'td',
  'th',
  'section',
  'svg',
  'h1',
  'center',
  'font',
  'dl',
  'dd',
];
const VOIDS = [
  '<br>',
  '<col>',
  '<img src="x.png">',
  '<hr>',
  '<path d="M0 0"/>',
  '<!-- comentario <div> -->',
  '<script>if (a < b) "<div>"</script>',
];

/**
 * Random HTML as e-mail templates write it: nesting, end tags often left out, void elements, text, and SVG,
 * inside which the parser follows other rules (self-closing tags, a script's content is markup, an HTML
 * element such as a div ends the SVG). MathML is left out.
 */
const tokens = fc.array(
  fc.oneof(
    fc.constantFrom(...TAGS).map((tag) => `<${tag} class="x">`),
    // A font with a size ends SVG as a div does; one with a class only does not, nor does a quoted "size=".
    fc.constantFrom('<font size="2">', '<font class="x size=1" title=\'color\'>', '<font color>'),
    fc.constantFrom(...TAGS).map((tag) => `</${tag}>`),
    fc.constantFrom(...VOIDS),
    fc.constantFrom('texto', ' ', 'a > b'),
  ),
  { maxLength: 120 },
);

describe('exceedsNestingDepth', () => {
  it('refuses 40,000 nested divs, and accepts the same within its limit', () => {
    const deep = `${'<div>'.repeat(40_000)}x${'</div>'.repeat(40_000)}`;
    expect(exceedsNestingDepth(deep, 512)).toBe(true);
    expect(exceedsNestingDepth(deep, 40_000)).toBe(false);
    expect(exceedsNestingDepth(`${'<div>'.repeat(500)}x`, 512)).toBe(false);
  });

  it('ignores an end tag the parser ignores: </li> across a nested list', () => {
    const html = '<li class="x"><ul class="x"></li><path d="M0 0"/><div class="x">';
    expect(scannedDepth(html) + 3).toBeGreaterThanOrEqual(parsedDepth(html));
  });

  it('counts what follows an HTML element written inside SVG as HTML, as the parser does (fast-check counterexample)', () => {
    // The div ends the SVG (the script's "<div>" first): the paths after it are HTML elements, which nest.
    const html = '<svg class="x"><script>if (a < b) "<div>"</script><path d="M0 0"/><div class="x"><path d="M0 0"/><br>';
    expect(scannedDepth(html) + 3).toBeGreaterThanOrEqual(parsedDepth(html));
    const deep = `<svg>${'<div><path/>'.repeat(600)}`;
    expect(parsedDepth(deep)).toBeGreaterThan(1_000);
    expect(exceedsNestingDepth(deep, 512)).toBe(true);
    // A font ends the SVG only with a color, face or size: here the th and the script stay SVG elements.
    const font = '<svg class="x"><font class="x"><th class="x"><script>if (a < b) "<div>"</script>';
    expect(scannedDepth(font) + 3).toBeGreaterThanOrEqual(parsedDepth(font));
  });

  it('follows what a dd closes, and the formatting elements a table part moves out (fast-check counterexamples)', () => {
    // A dd ends an open paragraph; what follows nests inside the dd.
    const definition = '<p class="x"><dd class="x"></p><path d="M0 0"/><div class="x"></p>';
    expect(scannedDepth(definition) + 3).toBeGreaterThanOrEqual(parsedDepth(definition));
    // Fonts written inside a table go before it, and the parser opens them again around the next font.
    const fonts = '<table class="x"><font size="2"><font size="2"><col><font size="2"><div class="x"><br>';
    expect(scannedDepth(fonts) + 3).toBeGreaterThanOrEqual(parsedDepth(fonts));
  });

  test.prop([tokens], { numRuns: 300 })(
    'never counts less than the parser builds, beyond html, body and a void or raw-text leaf',
    (parts) => {
      const html = parts.join('');
      expect(scannedDepth(html) + 3).toBeGreaterThanOrEqual(parsedDepth(html));
    },
  );

  test.prop([fc.integer({ min: 1, max: 300 })])('counts nested elements one level each, closed or not', (depth) => {
    expect(scannedDepth(`${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}`)).toBe(depth);
    // A section's start tag ends the open paragraph, as the parser does: the sections nest, the paragraphs do not.
    expect(scannedDepth(`${'<section><p>párrafo'.repeat(depth)}`)).toBe(depth + 1);
    // The parser puts the rows in a tbody of its own.
    expect(scannedDepth(`<table>${'<tr><td>celda'.repeat(depth)}</table>`)).toBe(4);
  });
});
