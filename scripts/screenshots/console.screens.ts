import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESKTOP, launchBrowser, openPage, PHONE } from '../../test/support/browser.ts';
import { deliveries, logIn, startConsoleStand } from '../../test/support/console-stand.ts';
import { CLIENT_ID, DISTRIBUTION_ID } from '../../test/support/server-api.ts';

/** `npm run docs:screenshots`: each console page at 375 and 1280 px, under docs/console/. */
export async function writeScreenshots(): Promise<void> {
  const out = join(import.meta.dirname, '../../docs/console');
  mkdirSync(out, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'cvt-screens-'));
  const stand = await startConsoleStand(dataDir);
  const browser = await launchBrowser();
  try {
    const failed = (await deliveries(stand.server)).find((delivery) => delivery.status === 'failed');
    const pages: [string, string][] = [
      ['login', '/admin/login'],
      ['resumen', '/admin'],
      ['envios', '/admin/envios'],
      ['envio', `/admin/envios/${failed?.id ?? ''}`],
      ['clientes', '/admin/clientes'],
      ['cliente', `/admin/clientes/${CLIENT_ID}`],
      ['boletines', '/admin/boletines'],
      ['boletin', `/admin/boletines/${DISTRIBUTION_ID}`],
      ['colas', '/admin/colas'],
      ['prueba', '/admin/prueba'],
    ];
    for (const [label, viewport] of [
      ['375', PHONE],
      ['1280', DESKTOP],
    ] as const) {
      const { page } = await openPage(browser, viewport);
      await page.goto(`${stand.server.url}/admin/login`);
      await page.screenshot({ path: join(out, `login-${label}.png`), fullPage: true });
      await logIn(page, stand.server);
      if (label === '375') {
        // A run, so the history and a published page have something to show.
        await page.goto(`${stand.server.url}/admin/boletines`);
        await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/boletines/ejecutar"] button')]);
        await page.waitForSelector('#progreso [data-live-done]', { timeout: 20_000 });
      }
      for (const [name, path] of pages.slice(1)) {
        await page.goto(`${stand.server.url}${path}`);
        await page.screenshot({ path: join(out, `${name}-${label}.png`), fullPage: true });
      }
      await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/logout"] button')]);
      await page.close();
    }
    console.log(`screenshots written to ${out}`);
  } finally {
    await browser.close();
    await stand.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
