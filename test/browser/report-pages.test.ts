import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser, scrollsSideways } from '../support/browser.ts';
import { openStoredPage, PAGE_FIXTURES, storeAndServePages, type PageFixture, type StoredPages } from '../support/report-page-fixtures.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The pages clients open from WhatsApp, as the service stores them and the server serves them, in a
 * real Chromium at the widths of common phones, a tablet and a laptop (issue 12).
 */
const WIDTHS = [375, 390, 768, 1280] as const;
const PHONE_WIDTHS: readonly number[] = [375, 390];
/** The reading column on a large screen: Meltwater's 800 px, centred. */
const MAX_COLUMN_PX = 800;
const MIN_BODY_TEXT_PX = 14;
const MIN_SECONDARY_TEXT_PX = 12;
/** WCAG 2.2's minimum target size (2.5.8). */
const MIN_TAP_HEIGHT_PX = 24;
const MIN_CHARACTERS_PER_LINE = 8;

const reportsDir = mkdtempSync(join(tmpdir(), 'cvt-pages-'));
let browser: Browser;
let stored: StoredPages;
beforeAll(async () => {
  [browser, stored] = await Promise.all([launchBrowser(), storeAndServePages(reportsDir)]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stored?.close();
  rmSync(reportsDir, { recursive: true, force: true });
});

interface Measures {
  readonly textBox: { left: number; right: number };
  /** Each visible text: its font size, whether it is body text (a headline or running text), a sample. */
  readonly texts: { size: number; body: boolean; sample: string; length: number; lines: number }[];
  readonly links: { height: number; text: string; href: string }[];
  readonly images: { src: string; width: number; natural: number; complete: boolean }[];
  readonly scripts: number;
  readonly meta: Record<string, string>;
  readonly title: string;
  readonly bodyText: string;
}

// Runs in the page: the project's TypeScript has no DOM library, so the expression is a string.
const MEASURE = `(() => {
  const visible = (element) => {
    if (!element || element.getClientRects().length === 0) return false;
    const style = getComputedStyle(element);
    return style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0;
  };
  const collapse = (text) => text.replace(/[\\s\\u00a0]+/g, ' ').trim();
  const isHeadline = (a) => a && a.hasAttribute('href') && collapse(a.textContent).length >= 15;
  const texts = [];
  let left = Infinity, right = -Infinity;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = collapse(node.data);
    const parent = node.parentElement;
    if (text === '' || !visible(parent) || parent.closest('style')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) {
      if (rect.width === 0) continue;
      left = Math.min(left, rect.left);
      right = Math.max(right, rect.right);
    }
    const body = isHeadline(parent.closest('a')) || text.length >= 60;
    const lines = [...range.getClientRects()].filter((rect) => rect.width > 0).length;
    texts.push({ size: parseFloat(getComputedStyle(parent).fontSize), body, sample: text.slice(0, 60), length: text.length, lines });
  }
  const links = [...document.querySelectorAll('a[href]')].filter(visible).map((a) => {
    let height = a.getBoundingClientRect().height;
    for (const inner of a.querySelectorAll('*')) height = Math.max(height, inner.getBoundingClientRect().height);
    return { height, text: collapse(a.textContent).slice(0, 60), href: a.getAttribute('href') };
  });
  const images = [...document.images].filter(visible).map((image) => ({
    src: image.currentSrc || image.src, width: image.getBoundingClientRect().width, natural: image.naturalWidth, complete: image.complete,
  }));
  const meta = {};
  for (const tag of document.querySelectorAll('meta[property]')) meta[tag.getAttribute('property')] = tag.getAttribute('content');
  return { textBox: { left, right }, texts, links, images, scripts: document.scripts.length, meta, title: document.title,
    bodyText: collapse(document.body.innerText) };
})()`;

async function measure(page: Page): Promise<Measures> {
  return (await page.evaluate(MEASURE)) as Measures;
}

function describeFixture(fixture: PageFixture): string {
  return fixture.kind === 'newsletter' ? `newsletter ${fixture.file}` : `offline report ${fixture.file}`;
}

describe.each(PAGE_FIXTURES)('$file', (fixture) => {
  it.each(WIDTHS)(
    `the stored page of the ${describeFixture(fixture)} reads well at %i px`,
    async (width) => {
      const url = stored.urls.get(fixture.file)!;
      const { page, errors, consoleMessages, unexpectedRequests } = await openStoredPage(browser, url, { width, height: 900 });
      try {
        const found = await measure(page);
        const phone = PHONE_WIDTHS.includes(width);

        expect(await scrollsSideways(page), 'scrolls sideways').toBe(false);
        if (width === 1280) {
          expect(found.textBox.right - found.textBox.left, 'reading column width').toBeLessThanOrEqual(MAX_COLUMN_PX);
          const centre = (found.textBox.left + found.textBox.right) / 2;
          expect(Math.abs(centre - width / 2), 'reading column centred').toBeLessThanOrEqual(80);
        }

        const smallBody = found.texts.filter((text) => text.body && text.size < MIN_BODY_TEXT_PX);
        const smallSecondary = found.texts.filter((text) => text.size < MIN_SECONDARY_TEXT_PX);
        expect(smallSecondary, 'text under the secondary size').toEqual([]);
        if (phone) expect(smallBody, 'headlines and running text under the body size').toEqual([]);
        expect(
          found.texts.some((text) => text.body),
          'has body text',
        ).toBe(true);

        // A text squeezed into a column a few letters wide reads one letter per line.
        const squeezed = found.texts.filter((text) => text.length >= 15 && text.length / Math.max(1, text.lines) < MIN_CHARACTERS_PER_LINE);
        expect(squeezed, 'texts squeezed into narrow columns').toEqual([]);

        const shortLinks = found.links.filter((link) => link.height < MIN_TAP_HEIGHT_PX);
        expect(shortLinks, 'links too short to tap').toEqual([]);

        expect(found.images.length, 'shows images').toBeGreaterThan(0);
        for (const image of found.images) {
          expect(image.complete && image.natural > 0, `image loaded: ${image.src}`).toBe(true);
          expect(image.width, `image not wider than its file: ${image.src}`).toBeLessThanOrEqual(image.natural + 0.5);
        }
        expect(unexpectedRequests, 'requests to unknown addresses').toEqual([]);

        expect(found.scripts, 'script elements').toBe(0);
        expect(errors, 'page and console errors').toEqual([]);
        expect(
          consoleMessages.filter((message) => message.includes('cvt-script-ran')),
          'a script ran',
        ).toEqual([]);

        expect(found.meta['og:url']).toBe(url);
        expect(found.meta['og:title']).toBe(found.title);
        expect(found.meta['og:image'], 'og:image').toMatch(/^http:\/\/127\.0\.0\.1:\d+\/assets\/cvt-(preview|header)\.png$/u);
        const card = await fetch(found.meta['og:image']!);
        expect([card.status, card.headers.get('content-type')], 'og:image served').toEqual([200, 'image/png']);

        if (fixture.kind === 'newsletter') {
          expect(found.meta['og:description']).toBe(`${fixture.news} noticias: ${fixture.firstHeadline}`);
          expect(found.bodyText).not.toMatch(/navegador|browser|unsubscribe|darse de baja|reenviar|forward to a friend|preferenc/iu);
          expect(
            found.links.some((link) => /meltwater\.com\/(newsletters|api)/u.test(link.href)),
            'links to Meltwater',
          ).toBe(false);
        } else {
          expect(found.title).toBe(fixture.subject);
          const headings = (await page.evaluate(`[...document.querySelectorAll('h2')].map((h) => h.textContent)`)) as string[];
          expect(headings).toEqual(fixture.sections);
          const underTitle = (await page.evaluate(`document.querySelector('h1').nextElementSibling.textContent`)) as string;
          expect(underTitle).toBe(fixture.dateLine);
          await expectItemsApart(page);
        }
      } finally {
        await page.close();
      }
    },
    60_000,
  );
});

/** Each news item stands apart: its outlet line sits nearer its own headline than the item before it. */
async function expectItemsApart(page: Page): Promise<void> {
  const items = (await page.evaluate(`[...document.querySelectorAll('.cvt-section .nota')].map((note) => {
    const box = (element) => element.getBoundingClientRect();
    const headline = note.querySelector('a');
    const outlet = note.querySelector('.medio');
    return { top: box(note).top, bottom: box(note).bottom, headlineBottom: box(headline).bottom, outletTop: box(outlet).top,
      headlineTop: box(headline).top, separated: getComputedStyle(note.closest('.cvt-item')).borderBottomStyle !== 'none' };
  })`)) as { top: number; bottom: number; headlineBottom: number; outletTop: number; headlineTop: number; separated: boolean }[];
  expect(items.length).toBeGreaterThan(0);
  for (const [index, item] of items.entries()) {
    expect(item.outletTop, 'outlet line under the headline').toBeGreaterThanOrEqual(item.headlineTop);
    const previous = items[index - 1];
    if (previous === undefined) continue;
    expect(item.outletTop - item.headlineBottom, 'outlet line nearer its own headline than to the item before').toBeLessThan(
      item.headlineTop - previous.bottom,
    );
    expect(previous.separated || item.top - previous.bottom >= 16, 'items set apart').toBe(true);
  }
}
