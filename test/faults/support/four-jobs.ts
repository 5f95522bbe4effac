import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLoopbackServer, type LoopbackServer } from '../../support/loopback-server.ts';
import { meltwaterNewsletterHtml } from '../../support/meltwater-newsletter.ts';
import { putClient } from '../../support/server-api.ts';
import { WEBHOOK_TOKEN, type RunningServer } from '../../support/server-process.ts';

export const JOBS = ['meltwater-alert', 'meltwater-newsletter', 'offline-report', 'offline-alert'] as const;
export type JobName = (typeof JOBS)[number];

/**
 * Distinct numbers for every delivery of a run (`+5067<job><serial>`), so that a number received twice
 * is a duplicate and a number never received is a loss, whatever the job's text looks like.
 */
export function recipients(job: JobName, first: number, count: number): string[] {
  const digit = JOBS.indexOf(job);
  return Array.from({ length: count }, (_, index) => `+5067${digit}${String(first + index).padStart(6, '0')}`);
}

const chatId = (phone: string) => `${phone.slice(1)}@c.us`;
const hexId = (prefix: string, job: JobName, serial: number) =>
  `${prefix}${JOBS.indexOf(job)}${serial.toString(16).padStart(24 - prefix.length - 1, '0')}`;

/** Meltwater publishing a newsletter for any distribution id, as the newsletter job downloads it. */
export async function startNewsletterSite(): Promise<{ env: Record<string, string>; server: LoopbackServer }> {
  const server = await startLoopbackServer((request, response) => {
    const distribution = /\/nl\/([0-9a-f]{24})$/u.exec(request.url ?? '')?.[1] ?? 'unknown';
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(
      meltwaterNewsletterHtml({
        title: `Resumen ${distribution}`,
        items: [
          {
            headline: `Noticias para ${distribution}`,
            url: `https://www.nacion.com/${distribution}/`,
            source: 'La Nación',
            date: '21 nov 2026',
          },
        ],
        token: 'a'.repeat(24),
        sentAt: new Date(Date.UTC(2026, 10, 21, 14)),
      }),
    );
  });
  return { server, env: { MELTWATER_NEWSLETTER_URL: `${server.url}/nl/{distributionId}` } };
}

export interface JobRun {
  /** The numbers this job was asked to reach, each once. */
  readonly asked: string[];
  /** Starts the job the way production does (a webhook call, a queued body, a run). */
  start(): Promise<void>;
}

/**
 * One job over `count` recipients, in groups of `perEvent` (contacts of one client, recipients of one
 * report…), through the server's public routes. `serial` keeps ids and numbers distinct across runs.
 */
export async function prepareJob(
  job: JobName,
  context: { server: RunningServer; dataDir: string; serial: number },
  count: number,
  perEvent = 5,
): Promise<JobRun> {
  const { server, dataDir, serial } = context;
  if (serial >= 1_000 || count > 1_000) throw new Error('numbers have room for 1,000 serials of 1,000 recipients');
  const asked = recipients(job, serial * 1_000, count);
  const groups: string[][] = [];
  for (let index = 0; index < asked.length; index += perEvent) groups.push(asked.slice(index, index + perEvent));
  const admin = (path: string, body: string) =>
    server.admin(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(expectAccepted);

  switch (job) {
    case 'meltwater-alert': {
      const clients = groups.map((_, index) => hexId('5792a7288ac8f35b0a', job, serial * 10_000 + index));
      for (const [index, group] of groups.entries()) await putClient(server, clients[index]!, group.map(chatId)).then(expectAccepted);
      return {
        asked,
        start: async () => {
          for (const [index, client] of clients.entries()) {
            const mention = {
              id: `m-${serial}-${index}`,
              title: `Noticia ${serial}-${index}`,
              authorName: 'La Nación',
              links: { article: `https://www.nacion.com/${serial}/${index}` },
            };
            await server
              .request(`/api/mw/whatsapp/${client}?token=${WEBHOOK_TOKEN}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(mention),
              })
              .then(expectAccepted);
          }
        },
      };
    }
    case 'meltwater-newsletter': {
      const distributions = groups.map((_, index) => hexId('6734a46da330314a4c', job, serial * 10_000 + index));
      for (const [index, group] of groups.entries()) {
        const client = hexId('5792a7288ac8f35b0b', job, serial * 10_000 + index);
        await putClient(server, client, [...group.map(chatId), `${distributions[index]}@meltwater.com`]).then(expectAccepted);
      }
      return { asked, start: () => admin('/api/reports/run', JSON.stringify({ distributionIds: distributions })) };
    }
    case 'offline-report': {
      mkdirSync(join(dataDir, 'reports/informes'), { recursive: true });
      const reports = groups.map((group, index) => ({
        destinatarios: group.map(chatId),
        idEnvio: `envio${serial}x${index}`,
        subject: `Informe ${serial}-${index}`,
      }));
      for (const report of reports) {
        writeFileSync(
          join(dataDir, `reports/informes/${report.idEnvio}.html`),
          `<html><body><div class="notasDirectas"><p>${report.subject}</p></div></body></html>`,
        );
      }
      return {
        asked,
        start: async () => {
          for (const report of reports) await admin('/api/queues/offline-reports', JSON.stringify(report));
        },
      };
    }
    case 'offline-alert': {
      const bodies = groups.map((group, index) =>
        group.map((phone, entry) => ({
          nota: `nota${serial}x${index}x${entry}`,
          titulo: `Nota ${serial}-${index}-${entry}`,
          cliente: '5792a7288ac8f35b0aa93bee',
          correo: chatId(phone),
          onesignalDevices: [],
        })),
      );
      return {
        asked,
        start: async () => {
          for (const body of bodies) await admin('/api/queues/offline-alerts', JSON.stringify(body));
        },
      };
    }
  }
}

async function expectAccepted(response: Response): Promise<void> {
  if (response.status >= 300) throw new Error(`${response.url} answered ${response.status}: ${await response.text()}`);
  await response.body?.cancel();
}
