import chromium from '@sparticuz/chromium';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * A real Chromium for tests that check what a person sees. `@sparticuz/chromium` carries the browser
 * inside its npm package, so `npm ci` alone brings it (see README "Tests"); the first launch unpacks it
 * to /tmp, a few seconds. Only loopback pages are opened: the flags keep Chromium off the network.
 */
export async function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: [
      ...chromium.args,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    headless: 'shell',
  });
}

export const PHONE = { width: 375, height: 800 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

/** Opens a page at a width, recording every page error and console error so a test can assert there were none. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number },
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ ...viewport, deviceScaleFactor: 2 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: options.colorScheme ?? 'light' }]);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return { page, errors };
}

/** True when the page scrolls sideways at its current width. */
export async function scrollsSideways(page: Page): Promise<boolean> {
  // Expressions run in the page are strings: the project's TypeScript has no DOM library, on purpose.
  const [scrollWidth, innerWidth] = (await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as [number, number];
  return scrollWidth > innerWidth;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: number;
}

/**
 * Runs axe-core inside the page and answers its serious and critical violations. axe is injected through
 * the DevTools protocol, which a Content-Security-Policy does not govern, so pages keep their strict policy.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.length,
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
