import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../../test/support/browser.ts';
import { openStoredPage, PAGE_FIXTURES, storeAndServePages } from '../../test/support/report-page-fixtures.ts';

/**
 * The report pages clients open, as the service stores them from each HTML fixture, on a phone (375 px)
 * and on a laptop (1280 px): docs/pages/<fixture>-375.png and -1280.png, whole pages.
 */
export async function writeScreenshots(): Promise<void> {
  const folder = join(import.meta.dirname, '..', '..', 'docs', 'pages');
  await mkdir(folder, { recursive: true });
  const reportsDir = await mkdtemp(join(tmpdir(), 'cvt-screens-'));
  const [browser, stored] = await Promise.all([launchBrowser(), storeAndServePages(reportsDir)]);
  try {
    for (const fixture of PAGE_FIXTURES) {
      for (const width of [375, 1280]) {
        const { page } = await openStoredPage(browser, stored.urls.get(fixture.file)!, { width, height: 900 });
        // One device pixel per CSS pixel keeps the committed files small.
        await page.setViewport({ width, height: 900, deviceScaleFactor: 1 });
        const path = join(folder, `${fixture.file.replace(/\.html$/u, '')}-${width}.png`) as `${string}.png`;
        await page.screenshot({ path, fullPage: true });
        await page.close();
        console.log(`  ${path}`);
      }
    }
  } finally {
    await browser.close();
    await stored.close();
    await rm(reportsDir, { recursive: true, force: true });
  }
}
