import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { isDangerousCss } from '../adapters/htmlparser2/html-assertions.ts';
import { ALLOWED_ELEMENTS, DROPPED_ELEMENTS, isAllowedAttribute, isSafeUrl, sanitizeCss } from '../../../src/domain/html/html-policy.ts';

describe('isSafeUrl', () => {
  test.each([
    ['https://www.nacion.com/a/?id=1', 'href'],
    ['http://example.com', 'href'],
    ['HTTPS://EXAMPLE.COM', 'href'],
    ['mailto:prensa@controles.co.cr', 'href'],
    ['tel:+50622223333', 'href'],
    ['#top', 'href'],
    ['/informes/abc.html', 'href'],
    ['informes/abc.html', 'href'],
    ['//cdn.example/a.png', 'src'],
    ['', 'href'],
    ['data:image/png;base64,iVBORw0KGgo=', 'src'],
    ['data:image/jpeg;base64,/9j/4AAQ', 'src'],
    ['data:image/webp;base64,UklGR', 'src'],
    [' data:image/gif;base64,R0lGOD== ', 'src'],
    ['https://ok.example/a:b', 'href'],
    ['a/b:c', 'href'],
  ])('allows %j in %s', (value, attribute) => {
    expect(isSafeUrl(value, attribute)).toBe(true);
  });

  test.each([
    ['javascript:alert(1)', 'href'],
    ['JAVASCRIPT:alert(1)', 'href'],
    [' javascript:alert(1)', 'href'],
    ['\u0001javascript:alert(1)', 'href'],
    ['java\tscript:alert(1)', 'href'],
    ['java\nscript:alert(1)', 'href'],
    ['java\rscript:alert(1)', 'href'],
    ['jav\u0000ascript:alert(1)', 'href'],
    ['javascript\u0085:alert(1)', 'href'],
    ['vbscript:msgbox(1)', 'href'],
    ['livescript:x', 'href'],
    ['data:text/html,<script>alert(1)</script>', 'href'],
    ['data:text/html;base64,PHNjcmlwdD4=', 'src'],
    ['data:image/png;base64,iVBORw0KGgo=', 'href'],
    ['data:image/png;base64,iVBORw0KGgo=', 'background'],
    ['data:image/svg+xml;base64,PHN2Zz4=', 'src'],
    ['data:image/png,<svg onload=alert(1)>', 'src'],
    ['data:image/png;base64,AAA";x=', 'src'],
    ['file:///etc/passwd', 'href'],
    ['blob:https://x/1', 'src'],
    ['\\\\evil.example\\share', 'href'],
  ])('refuses %j in %s', (value, attribute) => {
    expect(isSafeUrl(value, attribute)).toBe(false);
  });

  const SCRIPT_SCHEMES = ['javascript:', 'vbscript:', 'data:text/html,', 'livescript:'];
  const noise = fc.constantFrom('', ' ', '\t', '\n', '\r', '\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u009f');

  test.prop([
    fc.constantFrom(...SCRIPT_SCHEMES),
    fc.array(fc.tuple(fc.boolean(), noise), { maxLength: 40 }),
    fc.string(),
    fc.constantFrom('href', 'src', 'background'),
  ])('refuses script schemes whatever the case and the control characters inside them', (scheme, mutations, rest, attribute) => {
    let value = '';
    for (const [index, character] of [...scheme].entries()) {
      const [upper, extra] = mutations[index] ?? [false, ''];
      value += `${extra}${upper ? character.toUpperCase() : character}`;
    }
    expect(isSafeUrl(value + rest, attribute)).toBe(false);
  });

  test.prop([fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.constantFrom('href', 'src', 'background')])(
    'allows every web URL',
    (url, attribute) => {
      expect(isSafeUrl(url, attribute)).toBe(true);
    },
  );

  test.prop([fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('href', 'src', 'background')])(
    'whatever it allows, a browser would not run',
    (value, attribute) => {
      fc.pre(isSafeUrl(value, attribute));
      const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/gu, '').toLowerCase();
      expect(compact).not.toMatch(/^(javascript|vbscript|livescript|mocha):/u);
      if (compact.startsWith('data:')) {
        expect(attribute).toBe('src');
        expect(compact).toMatch(/^data:image\/(png|gif|jpe?g|webp);base64,/u);
      }
    },
  );
});

describe('sanitizeCss', () => {
  // Judged on the CSS as a browser decodes it, so that escapes and comments cannot hide a token.
  const dangerous = isDangerousCss;

  test.each([
    ['color:#333;font-weight:bold', 'color:#333;font-weight:bold'],
    ['background:url(https://ok.example/a.png)', 'background:url(https://ok.example/a.png)'],
    ["background:url('data:image/png;base64,AAAA')", "background:url('data:image/png;base64,AAAA')"],
    ['font-family:"Segoe UI",Arial', 'font-family:"Segoe UI",Arial'],
    ['width:800px !important', 'width:800px !important'],
  ])('keeps harmless CSS: %s', (css, expected) => {
    expect(sanitizeCss(css)).toBe(expected);
  });

  test.each([
    'width:expression(alert(1))',
    'width:EXPRESSION (alert(1))',
    'xss:expr/*XSS*/ession(alert(1))',
    'x:ex\\pression(alert(1))',
    'x:ex\\70 ression(alert(1))',
    'background:url(javascript:alert(1))',
    'background:url( "JavaScript:alert(1)" )',
    'background:url(vbscript:x)',
    'list-style:url(java\\\nscript:alert(1))',
    'list-style:url("java\\\nscript:alert(1)")',
    "background:url('jav\\\r\nascript:alert(1)')",
    'x:expression\\\n(1)',
    '@import url(https://evil.example/x.css);',
    '@\\69mport "x.css";',
    '@im/**/port "x.css";',
    'behavior:url(x.htc)',
    'behaviour:url(x.htc)',
    '-moz-binding:url(x.xml#x)',
    'exexpressionpression(1)',
    'java\\script:x',
  ])('removes %j', (css) => {
    const out = sanitizeCss(css);
    expect(dangerous(out), out).toBe(false);
    expect(out.toLowerCase()).not.toMatch(/url\(\s*['"]?\s*(javascript|vbscript)/u);
  });

  test.each([
    'background:url("java\tscript:alert(1)")',
    'background:url(\u0001javascript:alert(1))',
    "background:url(' data:text/html,x')",
  ])('removes script URLs that a URL parser would clean up: %j', (css) => {
    expect(sanitizeCss(css)).not.toMatch(/url\(/u);
  });

  test('takes linear time on long blank runs and on nested tokens', () => {
    const started = performance.now();
    sanitizeCss(`background:url(${' '.repeat(100_000)}!`);
    sanitizeCss(`background:url('${'\t'.repeat(100_000)}!`);
    expect(sanitizeCss(`${'expr'.repeat(20_000)}${'ession('.repeat(20_000)}`)).not.toMatch(/expression\(/u);
    expect(sanitizeCss(`${'expression'.repeat(20_000)}${'('.repeat(20_000)}`)).not.toMatch(/expression\s*\(/u);
    expect(sanitizeCss(`${'java'.repeat(20_000)}${'script:'.repeat(20_000)}`)).not.toContain('javascript:');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test('can never close its <style> element', () => {
    const out = sanitizeCss('a{color:red}</style><script>alert(1)</script>');
    expect(out).not.toContain('<');
    expect(out).not.toMatch(/<\/style/iu);
  });

  const FRAGMENTS = [
    'expr',
    'ession(',
    'ession',
    '(',
    'exp',
    'ression',
    'java',
    'script:',
    'script',
    ':',
    'vb',
    '@imp',
    'ort',
    '@',
    'import',
    '\\',
    '\\\\',
    '\\6a ',
    '\\65',
    '\\\n',
    '/**/',
    '/*',
    '*/',
    ' ',
    '\t',
    '\n',
    'url(',
    ')',
    '"',
    "'",
    '<',
    '</style>',
    'behavior',
    'behaviour',
    '-moz-',
    'binding',
    'color:red;',
    'ex',
    'pression(',
    'e',
    'x',
    'p',
    'r',
    's',
    'i',
    'o',
    'n',
  ];
  const cssArbitrary = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join(''));

  test.prop([cssArbitrary], { numRuns: 2000 })('never leaves a dangerous token, however fragments combine', (css) => {
    const out = sanitizeCss(css);
    expect(dangerous(out), out).toBe(false);
    expect(out).not.toContain('<');
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 200 })])('never leaves a dangerous token in arbitrary text', (css) => {
    const out = sanitizeCss(css);
    expect(dangerous(out), out).toBe(false);
    expect(out).not.toContain('<');
  });

  test.prop([cssArbitrary])('is stable: sanitising its output again changes nothing dangerous', (css) => {
    expect(dangerous(sanitizeCss(sanitizeCss(css)))).toBe(false);
  });
});

describe('element and attribute lists', () => {
  test('no element is both kept and dropped', () => {
    for (const name of DROPPED_ELEMENTS) expect(ALLOWED_ELEMENTS.has(name), name).toBe(false);
  });

  test('the elements that run code or load documents are dropped', () => {
    for (const name of [
      'script',
      'iframe',
      'object',
      'embed',
      'form',
      'base',
      'meta',
      'link',
      'svg',
      'math',
      'noscript',
      'template',
      'xmp',
      'plaintext',
    ]) {
      expect(DROPPED_ELEMENTS.has(name), name).toBe(true);
    }
  });

  test('no event handler and no code-loading attribute is ever allowed', () => {
    for (const element of [...ALLOWED_ELEMENTS, 'unknown']) {
      for (const attribute of [
        'onclick',
        'onerror',
        'ONLOAD',
        'srcset',
        'formaction',
        'action',
        'srcdoc',
        'xlink:href',
        'data',
        'http-equiv',
        'is',
      ]) {
        expect(isAllowedAttribute(element, attribute), `${element}[${attribute}]`).toBe(false);
      }
    }
  });

  test.prop([fc.constantFrom(...ALLOWED_ELEMENTS), fc.stringMatching(/^[oO][nN][a-zA-Z]{0,12}$/u)])(
    'no on* attribute is allowed',
    (element, attribute) => {
      expect(isAllowedAttribute(element, attribute)).toBe(false);
    },
  );
});
