import { fc, test } from '@fast-check/vitest';
import { hasChildren, isComment, isTag, isText, type AnyNode } from 'domhandler';
import { describe, expect } from 'vitest';
import { parseHtmlFragment } from '../../../../src/adapters/htmlparser2/html-document.ts';
import { serializeHtml } from '../../../../src/adapters/htmlparser2/html-serializer.ts';
import { Htmlparser2ReportRenderer } from '../../../../src/adapters/htmlparser2/htmlparser2.report-renderer.adapter.ts';
import type { PagePreview } from '../../../../src/domain/html/page-head.ts';
import { offlineReportWith } from '../../../support/cvt-offline-report.ts';
import { meltwaterNewsletterHtml } from '../../../support/meltwater-newsletter.ts';
import { unsafeConstructs } from './html-assertions.ts';

const renderer = new Htmlparser2ReportRenderer();
const newsletterPage = (html: string, preview: PagePreview): string => renderer.readNewsletter(html).page(preview);
const PREVIEW = {
  title: 'Informe | Controles',
  description: 'Noticias',
  url: 'https://media.controles.co.cr/informesmw/x.html',
  imageUrl: null,
};
const OPTIONS = { title: 'Informe', url: 'https://media.controles.co.cr/informes/x.html', headerImageUrl: null, footerImageUrl: null };

/**
 * In the style of the OWASP XSS filter evasion cheat sheet, plus the mutation-XSS tricks that target
 * sanitisers which parse once and serialise for a browser to parse again.
 */
const VECTORS: readonly string[] = [
  '<script>alert(1)</script>',
  '<p x\u00a0onclick="alert(1)" onmouseover="alert(1)" title="t">un nombre de atributo con espacio</p>',
  '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
  '<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>',
  '<<SCRIPT>alert("XSS");//<</SCRIPT>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC=x OnErRoR=alert(1)>',
  '<img src=x onerror=alert(1)//',
  '<img src="x` `<script>alert(1)</script>"` `>',
  '<img src=`javascript:alert(1)`>',
  '<svg onload=alert(1)>',
  '<svg/onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  '<a href="javascript:alert(1)">Un enlace muy largo para parecer titular</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="\u0001javascript:alert(1)">x</a>',
  '<a href=" &#14;  javascript:alert(1)">x</a>',
  '<a href="jav\tascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="jav&#x0A;ascript:alert(1)">x</a>',
  '<a href="jav&#x0D;ascript:alert(1)">x</a>',
  '<a href="java&Tab;script&colon;alert(1)">x</a>',
  '<a href="java&NewLine;script:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58&#97&#108&#101&#114&#116&#40&#39&#88&#83&#83&#39&#41">x</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
  '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="livescript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="DATA:text/html,<script>alert(1)</script>">x</a>',
  '<a href="data:image/png;base64,iVBORw0KGgo=">x</a>',
  '<a href="https://ok.example/" onclick="alert(1)" onmouseover=alert(1)>ok</a>',
  '<a href="javascript:alert(1)"',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<object type="text/x-scriptlet" data="https://xss.example/x.sct"></object>',
  '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
  '<form><button formaction=javascript:alert(1)>X',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<META HTTP-EQUIV="Set-Cookie" Content="USERID=<SCRIPT>alert(1)</SCRIPT>">',
  '<base href="javascript:alert(1)//">',
  '<link rel="import" href="https://xss.example/x.html">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  "<style>@import 'https://xss.example/x.css';</style>",
  '<style>@\\69mport url(https://xss.example/x.css);</style>',
  '<style>li{list-style-image:url("javascript:alert(1)")}</style>',
  '<style>p{color:red}</style ><script>alert(1)</script>',
  '<style>a{background:url("java\\\nscript:alert(1)")}</style>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<div style="background:url(&quot;javascript:alert(1)&quot;)">x</div>',
  '<div style="background-image:url(vbscript:msgbox(1))">x</div>',
  '<div style="width: expression(alert(1))">x</div>',
  '<div style="xss:expr/*XSS*/ession(alert(1))">x</div>',
  '<div style="x:ex\\pression(alert(1))">x</div>',
  '<div style="behavior: url(xss.htc)">x</div>',
  '<div style="-moz-binding:url(https://xss.example/xss.xml#xss)">x</div>',
  '<div style="background-image:\\0075\\0072\\006C\\0028\'\\006a\\0061\\0076\\0061\\0073\\0063\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028\\0027\\0058\\0053\\0053\\0027\\0029\'\\0029">x</div>',
  '<img src="https://ok.example/a.png" style="x:expression(alert(1))">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<svg><p><style><img src=x onerror=alert(1)></style></p></svg>',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<template><img src=x onerror=alert(1)></template>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<!-- --!><img src=x onerror=alert(1)> -->',
  '<![CDATA[><img src=x onerror=alert(1)>]]>',
  '<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>',
  '<?xml version="1.0"?><img src=x onerror=alert(1)>',
  '<img srcset="javascript:alert(1) 1x, https://ok.example/a.png 2x">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<body onload=alert(1)>',
  '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
  '<body background="javascript:alert(1)">',
  '<table background="javascript:alert(1)"><tr><td background="javascript:alert(1)">x</td></tr></table>',
  '<input autofocus onfocus=alert(1)>',
  '<select autofocus onfocus=alert(1)><option>x</option></select>',
  '<textarea autofocus onfocus=alert(1)>x</textarea>',
  '<keygen autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<isindex type=image src=1 onerror=alert(1)>',
  '<isindex action=javascript:alert(1) type=submit value=click>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<plaintext><img src=x onerror=alert(1)>',
  '<frameset onload=alert(1)>',
  '<title><img src=x onerror=alert(1)></title>',
  '<textarea><img src=x onerror=alert(1)></textarea>',
  '<p title="</p><script>alert(1)</script>">x</p>',
  '<a href="https://ok.example/"><svg><foreignObject><iframe src=javascript:alert(1)>',
  '<div id="x"><a href="//xss.example/" target=_blank>x</a>',
  '<img src=x:alert(alt) onerror=eval(src) alt=0>',
  '<a href="\\\\xss.example\\x">x</a>',
  '<meta name="generator" content="cvt-whatsapp"><script>alert(1)</script>',
];

function inNewsletter(vector: string): string {
  const html = meltwaterNewsletterHtml({
    title: 'Informe',
    items: [{ headline: 'Gobierno anuncia nuevo plan fiscal', url: 'https://www.nacion.com/a/', source: 'La Nación', date: 'May 1, 2024' }],
    token: 'f'.repeat(24),
    sentAt: new Date('2024-05-01T12:00:00Z'),
  });
  return html.replace('</table>\n</td></tr>', `</table>${vector}\n</td></tr>`);
}

describe('every page is safe, whatever its source holds', () => {
  test('the list covers at least 40 vectors', () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(VECTORS.map((vector) => [vector]))('%s', (vector) => {
    test('newsletterPage, vector alone', () => {
      expect(unsafeConstructs(newsletterPage(vector, PREVIEW))).toEqual([]);
    });
    test('newsletterPage, vector inside a newsletter', () => {
      expect(unsafeConstructs(newsletterPage(inNewsletter(vector), PREVIEW))).toEqual([]);
    });
    test('offlineReportPage, vector inside notasDirectas', () => {
      const page = renderer.offlineReportPage(offlineReportWith(vector), OPTIONS);
      expect(unsafeConstructs(page)).toEqual([]);
      expect(renderer.isGeneratedPage(page)).toBe(true);
    });
    test('offlineReportPage, vector as the whole report', () => {
      expect(unsafeConstructs(renderer.offlineReportPage(vector, OPTIONS))).toEqual([]);
    });
    test('readNewsletter never returns a script link', () => {
      for (const item of renderer.readNewsletter(inNewsletter(vector)).items) expect(item.url).toMatch(/^https?:\/\//u);
    });
  });

  test('keeps what is safe: web links, inline PNG data images, plain styles', () => {
    const page = renderer.offlineReportPage(
      offlineReportWith(
        '<a href="https://ok.example/a" target="_blank">ok</a><img src="data:image/png;base64,iVBORw0KGgo=" alt="p"><p style="color:#333;font-weight:bold">t</p>',
      ),
      OPTIONS,
    );
    expect(page).toContain('href="https://ok.example/a"');
    expect(page).toContain('rel="noopener noreferrer"');
    expect(page).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(page).toContain('color:#333;font-weight:bold');
  });
});

// ---------------------------------------------------------------------------------------------
// A grammar of HTML-ish markup, rich in the constructs that sanitisers get wrong.

const TAGS = [
  'div',
  'p',
  'a',
  'img',
  'table',
  'tr',
  'td',
  'span',
  'b',
  'font',
  'center',
  'style',
  'script',
  'svg',
  'math',
  'mtext',
  'mglyph',
  'foreignObject',
  'iframe',
  'object',
  'embed',
  'form',
  'button',
  'input',
  'select',
  'option',
  'textarea',
  'noscript',
  'template',
  'xmp',
  'plaintext',
  'title',
  'base',
  'meta',
  'link',
  'body',
  'frameset',
  'details',
  'isindex',
  'noembed',
  'noframes',
  'listing',
  'image',
  'annotation-xml',
  'desc',
  'section',
];
const ATTRIBUTES = [
  'href',
  'src',
  'style',
  'onerror',
  'onload',
  'ONCLICK',
  'onfocus',
  'srcset',
  'formaction',
  'action',
  'background',
  'xlink:href',
  'data',
  'srcdoc',
  'http-equiv',
  'content',
  'class',
  'width',
  'title',
  'encoding',
  'autofocus',
  'is',
];
const VALUES = [
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'java&#x09;script:alert(1)',
  '&#106;avascript:alert(1)',
  'jav\nascript:alert(1)',
  '\u0000javascript:alert(1)',
  'vbscript:x',
  'data:text/html,<script>alert(1)</script>',
  'data:image/png;base64,AAAA',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'https://ok.example/',
  '800',
  'background:url(javascript:alert(1))',
  'x:expression(alert(1))',
  'x:expr/**/ession(1)',
  '@import "x"',
  'width:800px',
  'text/html',
  'refresh',
  '0;url=javascript:alert(1)',
  '</style><img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "'><svg onload=alert(1)>",
  'text/html',
  'notasDirectas',
];
const TEXTS = [
  'texto',
  '<',
  '</',
  '>',
  '<!--',
  '-->',
  '--!>',
  ']]>',
  '<![CDATA[',
  '"',
  "'",
  '`',
  '&',
  '&#106;',
  '&lt;script&gt;',
  '</style>',
  '</title>',
  '</noscript>',
  '</textarea>',
  '</xmp>',
  'javascript:alert(1)',
  '\u0000',
  '\t',
  '\n',
];

const attribute = fc
  .tuple(fc.constantFrom(...ATTRIBUTES), fc.constantFrom(...VALUES), fc.constantFrom('"', "'", ''))
  .map(([name, value, quote]) => ` ${name}=${quote}${quote === '' ? value.replace(/\s/gu, '') : value}${quote}`);

const { markup } = fc.letrec<{ markup: string; node: string }>((tie) => ({
  markup: fc.array(tie('node'), { maxLength: 4 }).map((nodes) => nodes.join('')),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...TEXTS),
    fc
      .tuple(fc.constantFrom(...TAGS), fc.array(attribute, { maxLength: 3 }), tie('markup'), fc.boolean())
      .map(([tag, attributes, children, closed]) => `<${tag}${attributes.join('')}>${children}${closed ? `</${tag}>` : ''}`),
  ),
}));

describe('property: markup from a hostile grammar', () => {
  test.prop([markup], { numRuns: 400 })('newsletterPage never throws and never lets code through', (html) => {
    expect(unsafeConstructs(newsletterPage(html, PREVIEW))).toEqual([]);
  });

  test.prop([markup], { numRuns: 400 })('offlineReportPage never throws and never lets code through', (html) => {
    expect(unsafeConstructs(renderer.offlineReportPage(offlineReportWith(html), OPTIONS))).toEqual([]);
    expect(unsafeConstructs(renderer.offlineReportPage(html, OPTIONS))).toEqual([]);
  });

  test.prop([markup], { numRuns: 200 })('readNewsletter never throws and only returns web links', (html) => {
    for (const item of renderer.readNewsletter(html).items) expect(item.url).toMatch(/^https?:\/\//u);
  });

  test.prop([markup], { numRuns: 200 })('a sanitised page is stable: sanitising it again changes nothing that matters', (html) => {
    // A page that a browser re-parses differently from what we checked is the root of mutation XSS.
    const once = renderer.offlineReportPage(offlineReportWith(html), OPTIONS);
    const reparsed = renderer.offlineReportPage(offlineReportWith(bodyOf(once)), OPTIONS);
    expect(unsafeConstructs(reparsed)).toEqual([]);
  });
});

describe('html-serializer: what it writes parses back to what was written', () => {
  // A report's sections are written out and parsed again before they are sanitised: text that came back
  // as elements there (or elements as text) would be judged on what the source never said. htmlparser2
  // may nest what it parses again otherwise (form controls close a select): the nodes, in document order,
  // are what must come back.
  test.prop([markup], { numRuns: 400 })('for markup from a hostile grammar', (html) => {
    const once = parseHtmlFragment(serializeHtml(parseHtmlFragment(html)));
    const twice = parseHtmlFragment(serializeHtml(once));
    expect(nodesInOrder(twice)).toEqual(nodesInOrder(once));
  });
});

/** Every element (name and attributes), text and comment below `root`, in document order. */
function nodesInOrder(root: AnyNode): string[] {
  const nodes: string[] = [];
  const visit = (node: AnyNode): void => {
    if (isTag(node)) nodes.push(`<${node.name} ${JSON.stringify(node.attribs)}>`);
    else if (isText(node)) nodes.push(`text ${node.data}`);
    else if (isComment(node)) nodes.push(`comment ${node.data}`);
    if (hasChildren(node)) for (const child of node.children) visit(child);
  };
  visit(root);
  // Adjacent texts are one text once written out.
  return nodes.reduce<string[]>((merged, node) => {
    const last = merged.at(-1);
    if (last?.startsWith('text ') === true && node.startsWith('text ')) merged[merged.length - 1] = last + node.slice(5);
    else merged.push(node);
    return merged;
  }, []);
}

function bodyOf(page: string): string {
  return page.slice(page.indexOf('<main'), page.lastIndexOf('</main>'));
}
