import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { DESKTOP, launchBrowser, openPage, PHONE, scrollsSideways, seriousAxeViolations } from '../support/browser.ts';

// The harness itself: a real Chromium opens a loopback page under a strict policy, measures it and runs axe.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => browser?.close());

function serve(html: string): Promise<{ url: string; close: () => void }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; img-src data:; style-src 'self'",
    });
    response.end(html);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${address.port}/`, close: () => server.close() });
    }),
  );
}

describe('browser harness', () => {
  it('measures sideways scroll and finds axe violations under a strict Content-Security-Policy', async () => {
    const wide = await serve(
      '<!doctype html><html lang="es"><head><title>t</title></head><body><main><h1>Hola</h1><img src="data:," width="2000" height="10"></main></body></html>',
    );
    try {
      for (const viewport of [PHONE, DESKTOP]) {
        const { page, errors } = await openPage(browser, viewport);
        await page.goto(wide.url);
        expect(await scrollsSideways(page)).toBe(true);
        expect((await seriousAxeViolations(page)).map((violation) => violation.id)).toContain('image-alt');
        expect(errors).toEqual([]);
        await page.close();
      }
    } finally {
      wide.close();
    }
  });
});
