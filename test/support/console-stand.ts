import type { Page } from 'puppeteer-core';
import { startWaapiFake, type WaapiFake } from './fakes/waapi.fake.ts';
import { startLoopbackServer } from './loopback-server.ts';
import { meltwaterNewsletterHtml } from './meltwater-newsletter.ts';
import { CLIENT_ID, DISTRIBUTION_ID, json, putClient } from './server-api.ts';
import { ADMIN_TOKEN, eventually, startServer, WEBHOOK_TOKEN, type RunningServer } from './server-process.ts';

export const SECOND_CLIENT_ID = '5792a7288ac8f35b0aa93bef';
export const SECOND_DISTRIBUTION_ID = '6734a46da330314a4cd0c3db';
/** The contact whose first alert the provider refuses for good. */
export const FAILING_PHONE = '+50677777777';

export interface ConsoleStand {
  readonly server: RunningServer;
  readonly waapi: WaapiFake;
  close(): Promise<void>;
}

interface DeliveryItem {
  id: string;
  job: string;
  status: string;
  recipient: string;
}

export async function deliveries(server: RunningServer): Promise<DeliveryItem[]> {
  return (await json(await server.admin('/api/deliveries?limit=1000')))['items'] as DeliveryItem[];
}

/**
 * The built server with Waapi (a loopback fake) as provider, a loopback Meltwater, two clients and the
 * record an operator meets on a Monday: alerts sent, one failed for good, a dead letter, newsletters to run.
 */
export async function startConsoleStand(dataDir: string, env: Record<string, string> = {}): Promise<ConsoleStand> {
  const waapi = await startWaapiFake();
  // Each newsletter takes a moment to download, so a run's progress can be watched.
  const meltwater = await startLoopbackServer(async (_request, response) => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    response.end(
      meltwaterNewsletterHtml({
        title: 'Resumen de prensa',
        items: [
          {
            headline: 'Presidente firma decreto de emergencia vial',
            url: 'https://www.nacion.com/decreto/',
            source: 'La Nación',
            date: '21 nov 2026',
          },
        ],
        token: 'a'.repeat(24),
        sentAt: new Date(),
      }),
    );
  });
  const server = await startServer(dataDir, {
    WHATSAPP_PROVIDER: 'waapi',
    ...waapi.env,
    WAAPI_MIN_INTERVAL_MS: '0',
    WAAPI_JITTER_MS: '0',
    WHATSAPP_RECIPIENT_SPACING_MS: '0',
    MELTWATER_NEWSLETTER_URL: `${meltwater.url}/nl/{distributionId}/html`,
    QUEUE_MAX_RECEIVES: '1',
    ...env,
  });
  const close = async () => {
    await server.stop();
    await waapi.close();
    await meltwater.close();
  };
  try {
    await putClient(
      server,
      CLIENT_ID,
      ['50688888888@c.us', '77777777@c.us', `${DISTRIBUTION_ID}@meltwater.com`, 'ana@example.com', '5068@c.us'],
      'Ministerio de Ejemplo',
    );
    await putClient(server, SECOND_CLIENT_ID, ['50666666666@c.us', `${SECOND_DISTRIBUTION_ID}@meltwater.com`], 'Diario de Ejemplo');
    await alert(server, CLIENT_ID, 'mw-1', 'Gobierno anuncia nuevas medidas fiscales');
    await eventually(
      async () =>
        (await deliveries(server)).every((delivery) => delivery.status !== 'queued' && delivery.status !== 'sending') ? true : undefined,
      15_000,
      'the first alert sent',
    );
    waapi.fake.fail('invalid_recipient', 1);
    await alert(server, CLIENT_ID, 'mw-2', 'Tribunal resuelve caso de contratación pública');
    await alert(server, SECOND_CLIENT_ID, 'mw-3', 'Exportaciones crecen en el último trimestre');
    await server.admin('/api/queues/offline-reports', {
      method: 'POST',
      body: JSON.stringify({ destinatarios: ['50688888888@c.us'], idEnvio: 'informe-inexistente', subject: 'Informe semanal' }),
    });
    await eventually(
      async () => {
        const all = await deliveries(server);
        const settled = all.length === 5 && all.every((delivery) => delivery.status !== 'queued' && delivery.status !== 'sending');
        const dead = (await json(await server.admin('/api/queues/offline-reports/dead-letters')))['items'] as unknown[];
        return settled && dead.length === 1 ? true : undefined;
      },
      20_000,
      'the stand to settle',
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { server, waapi: waapi.fake, close };
}

async function alert(server: RunningServer, clientId: string, id: string, title: string): Promise<void> {
  const response = await server.request(`/api/mw/whatsapp/${clientId}?token=${WEBHOOK_TOKEN}`, {
    method: 'POST',
    body: JSON.stringify({ id, title, url: `https://www.nacion.com/${id}/` }),
  });
  if (!response.ok) throw new Error(`alert ${id} answered ${response.status}`);
}

/** Logs in through the login form, as an operator does. */
export async function logIn(page: Page, server: RunningServer, token = ADMIN_TOKEN): Promise<number | undefined> {
  await page.goto(`${server.url}/admin/login`);
  await page.type('#token', token);
  const [response] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  return response?.status();
}
