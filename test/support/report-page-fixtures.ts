import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import type { Browser, Page } from 'puppeteer-core';
import { FsReportStorage } from '../../src/adapters/fs/fs.report-storage.adapter.ts';
import type { HttpDependencies } from '../../src/entrypoints/http/http-dependencies.ts';
import { assetsRoutes } from '../../src/entrypoints/http/routes/assets.routes.ts';
import { reportPagesRoutes } from '../../src/entrypoints/http/routes/report-pages.routes.ts';
import { DEFAULT_ASSETS } from '../../src/entrypoints/shared/default-assets.ts';
import { openPage } from './browser.ts';
import { embeddedServices } from './embedded-services.ts';
import { placeholderPng } from './png.ts';

/**
 * The report pages clients open, built from the HTML fixtures exactly as the service stores them (the
 * newsletter run and the offline report job over the embedded adapters), served by the server's own
 * routes on 127.0.0.1, and opened in Chromium with every outside image answered from memory at a
 * known natural size. Used by the browser suite and by `npm run docs:screenshots`.
 */

export interface NewsletterFixture {
  readonly kind: 'newsletter';
  readonly file: string;
  /** The news a reader sees in it, as written in the fixture. */
  readonly news: number;
  readonly firstHeadline: string;
}

export interface OfflineReportFixture {
  readonly kind: 'offline-report';
  readonly file: string;
  readonly subject: string;
  /** The source's date and client line, which the page keeps under its title. */
  readonly dateLine: string;
  readonly sections: readonly string[];
}

export type PageFixture = NewsletterFixture | OfflineReportFixture;

export const PAGE_FIXTURES: readonly PageFixture[] = [
  { kind: 'newsletter', file: 'meltwater-newsletter.html', news: 4, firstHeadline: 'Gobierno anuncia nuevo plan fiscal para 2025' },
  {
    kind: 'newsletter',
    file: 'meltwater-newsletter-odd.html',
    news: 4,
    firstHeadline: 'Asamblea aprueba reforma educativa en primer debate',
  },
  {
    kind: 'newsletter',
    file: 'meltwater-newsletter-sections.html',
    news: 6,
    firstHeadline: 'Banco Central mantiene la tasa de política monetaria en 4,00 % por tercera reunión consecutiva',
  },
  {
    kind: 'newsletter',
    file: 'meltwater-newsletter-long-headlines.html',
    news: 3,
    firstHeadline:
      'Asamblea Legislativa aprueba en primer debate la reforma a la Ley de Contratación Pública, que cambia los plazos de apelación, los requisitos de garantía y las sanciones a proveedores incumplientes',
  },
  {
    kind: 'offline-report',
    file: 'cvt-offline-report-full.html',
    subject: 'Informe matutino',
    dateLine: 'Sábado 21 de noviembre de 2026 · Cliente Demo S.A.',
    sections: ['Notas Directas', 'Notas de Contexto', 'Notas Competencia'],
  },
  {
    kind: 'offline-report',
    file: 'cvt-offline-report-one-section.html',
    subject: 'Informe de contexto – Municipalidad de Heredia',
    dateLine: 'Viernes 20 de noviembre de 2026 · Cliente Municipalidad de Heredia',
    sections: ['Notas de Contexto'],
  },
  {
    kind: 'offline-report',
    file: 'cvt-offline-report-empty-sections.html',
    subject: 'Informe vespertino',
    dateLine: 'Jueves 19 de noviembre de 2026 · Cliente Asociación Solidarista Ñandú',
    sections: ['Notas Directas'],
  },
];

const MELTWATER_ASSETS = 'https://support.assets.meltwater.io/newsletters';
const CVT_COMPANY = '552e72ccbd555c1e62082adc';

/** The outside images the fixtures show, with the natural size of the file behind each. */
export const FIXTURE_IMAGES: Readonly<Record<string, readonly [number, number]>> = {
  [`${MELTWATER_ASSETS}/${CVT_COMPANY}/logo.png`]: [360, 80],
  [`${MELTWATER_ASSETS}/${CVT_COMPANY}/header.png`]: [800, 150],
  [`${MELTWATER_ASSETS}/${CVT_COMPANY}/footer.png`]: [800, 60],
  [`${MELTWATER_ASSETS}/${CVT_COMPANY}/thumbs/bccr.jpg`]: [240, 160],
  [`${MELTWATER_ASSETS}/${CVT_COMPANY}/thumbs/moviles.jpg`]: [240, 160],
  [`${MELTWATER_ASSETS}/${CVT_COMPANY}/thumbs/cafe.jpg`]: [240, 160],
  [`${MELTWATER_ASSETS}/logo.png`]: [800, 120],
  [`${MELTWATER_ASSETS}/footer.png`]: [800, 60],
  'https://media.controles.co.cr/notas/centro-distribucion.jpg': [640, 360],
  'https://media.controles.co.cr/notas/logistica.jpg': [640, 400],
};

export function fixtureHtml(file: string): string {
  return readFileSync(new URL(`../fixtures/html/${file}`, import.meta.url), 'utf8');
}

export interface StoredPages {
  /** Where the server's routes answer: PUBLIC_MEDIA_BASE_URL of the stored pages. */
  readonly baseUrl: string;
  /** The page URL of each fixture, by file name. */
  readonly urls: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

const CLIENT = '5792a7288ac8f35b0aa93bee';

/** Stores every fixture's page as the service does and serves them (and the shipped assets) on 127.0.0.1. */
export async function storeAndServePages(reportsDir: string, fixtures: readonly PageFixture[] = PAGE_FIXTURES): Promise<StoredPages> {
  const app = express();
  app.use(reportPagesRoutes({ reportStorage: new FsReportStorage(reportsDir) } as unknown as HttpDependencies));
  app.use(assetsRoutes(join(import.meta.dirname, '..', '..', 'assets')));
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const services = embeddedServices(reportsDir, { publicMediaBaseUrl: baseUrl, previewImageUrl: `${baseUrl}/${DEFAULT_ASSETS.preview}` });
  const urls = new Map<string, string>();
  const users = ['50688888888@c.us'];
  fixtures.forEach((fixture, index) => {
    if (fixture.kind !== 'newsletter') return;
    const distributionId = `6734a46da330314a4cd0c3${index.toString(16).padStart(2, '0')}`;
    services.newsletters.pages.set(distributionId, fixtureHtml(fixture.file));
    users.push(`${distributionId}@meltwater.com`);
    urls.set(fixture.file, `${baseUrl}/informesmw/${distributionId}.html`);
  });
  await services.saveClient(CLIENT, users, 'Cliente Demo S.A.');
  const run = await services.runNewsletters.execute();
  if (run.failed.length > 0) throw new Error(`newsletter fixtures not stored: ${JSON.stringify(run.failed)}`);
  for (const [index, fixture] of fixtures.entries()) {
    if (fixture.kind !== 'offline-report') continue;
    const idEnvio = `fixture${index}`;
    await services.storage.put(`informes/${idEnvio}.html`, fixtureHtml(fixture.file), {});
    const processed = await services.processReport.execute({ idEnvio, subject: fixture.subject, destinatarios: ['50688888888@c.us'] });
    if (!processed.ok) throw new Error(`offline report fixture not stored: ${processed.error.message}`);
    urls.set(fixture.file, `${baseUrl}/informes/${idEnvio}.html`);
  }
  services.db.close();
  return { baseUrl, urls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface OpenedPage {
  readonly page: Page;
  /** Page errors and console errors. */
  readonly errors: string[];
  /** Console messages of any kind: a fixture's script logs `cvt-script-ran` if it ever runs. */
  readonly consoleMessages: string[];
  /** Requests that left 127.0.0.1 for an address the fixtures do not know (answered 404). */
  readonly unexpectedRequests: string[];
}

/** Opens a stored page at a width, outside images answered from memory, and waits until every image has loaded. */
export async function openStoredPage(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<OpenedPage> {
  const { page, errors } = await openPage(browser, viewport);
  const consoleMessages: string[] = [];
  const unexpectedRequests: string[] = [];
  page.on('console', (message) => consoleMessages.push(message.text()));
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const address = request.url();
    if (address.startsWith('http://127.0.0.1:')) {
      void request.continue();
      return;
    }
    const size = FIXTURE_IMAGES[address];
    if (size === undefined) {
      unexpectedRequests.push(address);
      void request.respond({ status: 404, contentType: 'text/plain', body: 'not found' });
      return;
    }
    void request.respond({ status: 200, contentType: 'image/png', body: placeholderPng(size[0], size[1], address) });
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, consoleMessages, unexpectedRequests };
}
