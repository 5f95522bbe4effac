import { afterEach, describe, expect, it } from 'vitest';
import { createCliSandbox } from '../support/cli.ts';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server.ts';
import { meltwaterNewsletterHtml } from '../support/meltwater-newsletter.ts';
import { CLIENT_ID, DISTRIBUTION_ID, json, outbox, putClient } from '../support/server-api.ts';
import { eventually, startServer, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
let server: RunningServer | undefined;
const loopbacks: LoopbackServer[] = [];
afterEach(async () => {
  await server?.stop();
  server = undefined;
  for (const loopback of loopbacks.splice(0)) await loopback.close();
});

const FAILING_DISTRIBUTION = '6734a46da330314a4cd0c3db';
/** The path of an incoming-webhook URL is its credential, as Slack's are: it must never reach a log. */
const HOOK_PATH = '/hooks/ops-hook-secret-5f0e1d2c3b4a5968';

async function startMeltwater(): Promise<LoopbackServer> {
  const meltwater = await startLoopbackServer((request, response) => {
    if (request.url?.includes(FAILING_DISTRIBUTION)) {
      response.statusCode = 500;
      return response.end('Internal Server Error');
    }
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(
      meltwaterNewsletterHtml({
        title: 'Resumen de medios',
        items: [
          {
            headline: 'Asamblea aprueba reforma fiscal',
            url: 'https://www.nacion.com/politica/reforma/',
            source: 'La Nación',
            date: '3 dic 2026',
          },
        ],
        token: 'tok'.padEnd(24, '0'),
        sentAt: new Date(Date.UTC(2026, 11, 3, 14)),
      }),
    );
  });
  loopbacks.push(meltwater);
  return meltwater;
}

/** An operators' chat: answers 503 to the first `failures` posts, then takes them. */
async function startReceiver(failures = 0): Promise<{ receiver: LoopbackServer; notices: () => string[] }> {
  let refused = 0;
  const receiver = await startLoopbackServer((request, response) => {
    if (request.url !== HOOK_PATH || refused < failures) {
      refused++;
      response.statusCode = 503;
      return response.end('busy');
    }
    response.end('ok');
  });
  loopbacks.push(receiver);
  const notices = () =>
    receiver.requests
      .slice(failures)
      .filter((request) => request.url === HOOK_PATH)
      .map((request) => (JSON.parse(request.body) as { text: string }).text);
  return { receiver, notices };
}

interface RunItem {
  id: string;
  trigger: string;
  startedAt: string;
  finishedAt: string;
  checked: number;
  sent: number;
  unchanged: number;
  failed: { distributionId: string; reason: string }[];
}

const runs = async (running: RunningServer, limit = 100) =>
  (await json(await running.admin(`/api/reports/runs?limit=${limit}`)))['items'] as RunItem[];

describe('newsletter run history (issue 10 §5), end to end', () => {
  it('records the scheduled, API and CLI runs with their outcome, newest first, and counts them in /metrics', async () => {
    const meltwater = await startMeltwater();
    const dataDir = tempDir();
    const newsletterUrl = `${meltwater.url}/nl/{distributionId}/html`;
    server = await startServer(dataDir, { MELTWATER_NEWSLETTER_URL: newsletterUrl, REPORT_SCHEDULE: '*/2 * * * * *' });
    // Runs before the client exists may already be there (the schedule starts with the server): none failed.
    const early = (await json(await server.admin('/api/reports/runs')))['items'] as RunItem[];
    expect(early.every((run) => run.trigger === 'schedule' && run.failed.length === 0)).toBe(true);
    await putClient(server, CLIENT_ID, ['50688888888@c.us', `${DISTRIBUTION_ID}@meltwater.com`, `${FAILING_DISTRIBUTION}@meltwater.com`]);

    const scheduled = await eventually(
      async () => (await runs(server!)).find((run) => run.trigger === 'schedule' && run.checked === 2),
      15_000,
      'a scheduled run',
    );
    expect(scheduled.failed).toEqual([{ distributionId: FAILING_DISTRIBUTION, reason: 'Meltwater answered HTTP 500' }]);

    const summary = await json(await server.admin('/api/reports/run', { method: 'POST' }));
    const cli = await createCliSandbox();
    try {
      const result = await cli.run(['newsletters', 'run', '--no-wait'], {
        env: { DATA_DIR: dataDir, MELTWATER_NEWSLETTER_URL: newsletterUrl },
      });
      expect(result.code).toBe(1);
    } finally {
      await cli.cleanup();
    }

    const items = await runs(server);
    const fromApi = items.find((run) => run.trigger === 'api')!;
    expect(fromApi).toEqual({
      id: expect.any(String),
      trigger: 'api',
      startedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/u),
      finishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/u),
      checked: summary['checked'],
      sent: summary['sent'],
      unchanged: summary['unchanged'],
      failed: [{ distributionId: FAILING_DISTRIBUTION, reason: 'Meltwater answered HTTP 500' }],
    });
    expect(Date.parse(fromApi.finishedAt)).toBeGreaterThanOrEqual(Date.parse(fromApi.startedAt));
    expect(items.filter((run) => run.trigger === 'cli')).toHaveLength(1);
    const starts = items.map((run) => Date.parse(run.startedAt));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect(await runs(server, 1)).toHaveLength(1);
    expect((await server.admin('/api/reports/runs?limit=0')).status).toBe(400);

    const metrics = await (await server.request('/metrics')).text();
    const counted = (name: string, trigger: string) =>
      Number(new RegExp(`${name}\\{trigger="${trigger}"\\} (\\d+)`, 'u').exec(metrics)?.[1]);
    expect(counted('cvt_newsletter_runs_total', 'api')).toBe(1);
    expect(counted('cvt_newsletter_runs_total', 'cli')).toBe(1);
    expect(counted('cvt_newsletter_runs_total', 'schedule')).toBeGreaterThanOrEqual(1);
    expect(counted('cvt_newsletter_failures_total', 'api')).toBe(1);
    // Scheduled runs before the client was added found nothing to fail.
    expect(counted('cvt_newsletter_failures_total', 'schedule')).toBeGreaterThanOrEqual(1);
    expect(counted('cvt_newsletter_failures_total', 'schedule')).toBeLessThanOrEqual(counted('cvt_newsletter_runs_total', 'schedule'));
  });
});

describe('operator notices (issue 10 §6), end to end through a real incoming webhook', () => {
  it('posts one Spanish notice per incident, retries a refused one, and never writes the webhook URL to a log', async () => {
    const meltwater = await startMeltwater();
    const { receiver, notices } = await startReceiver(1);
    server = await startServer(tempDir(), {
      MELTWATER_NEWSLETTER_URL: `${meltwater.url}/nl/{distributionId}/html`,
      OPS_WEBHOOK_URL: `${receiver.url}${HOOK_PATH}`,
      OPS_NOTIFY_RETRY_SECONDS: '1',
      QUEUE_MAX_RECEIVES: '1',
      LOG_LEVEL: 'debug',
    });
    await putClient(server, CLIENT_ID, ['50688888888@c.us', `${FAILING_DISTRIBUTION}@meltwater.com`]);

    // A failed newsletter run: the chat refuses the first post, the notice comes on the retry.
    await server.admin('/api/reports/run', { method: 'POST' });
    await eventually(async () => (notices().length === 1 ? true : undefined), 15_000, 'the run notice');
    const [runNotice] = notices();
    expect(runNotice).toMatch(/^⚠️ cvt-whatsapp: la corrida de boletines [0-9a-f-]{36} terminó con 1 boletín fallido: /u);
    expect(runNotice).toContain(`${FAILING_DISTRIBUTION}: Meltwater answered HTTP 500`);
    expect(server.output.some((line) => line.includes('operator notice not sent; trying again later') && line.includes('HTTP 503'))).toBe(
      true,
    );
    expect(JSON.parse(receiver.requests.at(-1)!.body)).toEqual({ text: runNotice });
    expect(receiver.requests.at(-1)!.headers['content-type']).toMatch(/^application\/json/u);

    // Two messages die on the same queue: one notice for the incident.
    for (const idEnvio of ['missing-1', 'missing-2']) {
      await server.admin('/api/queues/offline-reports', {
        method: 'POST',
        body: JSON.stringify({ destinatarios: ['50688888888@c.us'], idEnvio, subject: 'Informe' }),
      });
    }
    await eventually(
      async () =>
        ((await json(await server!.admin('/api/queues/offline-reports/dead-letters')))['items'] as unknown[]).length === 2
          ? true
          : undefined,
      15_000,
      'two dead letters',
    );
    // A later incident, so that everything raised before it has been posted once it arrives.
    await server.admin('/api/reports/run', { method: 'POST' });
    await eventually(async () => (notices().length >= 3 ? true : undefined), 15_000, 'the later notices');
    const all = notices();
    expect(all.filter((text) => text.includes('pasó a mensajes muertos'))).toEqual([
      expect.stringContaining(
        'un mensaje de la cola offline-reports pasó a mensajes muertos. Motivo: failed 1 times; last error: the report informes/missing-',
      ),
    ]);
    expect(all.filter((text) => text.includes('la corrida de boletines'))).toHaveLength(2);
    expect(all.join('\n')).not.toMatch(/50688888888|\+506/u);
    expect(server.output.filter((line) => line.includes('ops-hook-secret'))).toEqual([]);
  });

  it('sends notices to the operators\u2019 WhatsApp numbers through the configured provider', async () => {
    server = await startServer(tempDir(), { OPS_WHATSAPP_NUMBERS: '8888 7777, +50677776666', QUEUE_MAX_RECEIVES: '1' });
    await server.admin('/api/queues/offline-reports', {
      method: 'POST',
      body: JSON.stringify({ destinatarios: ['50688888888@c.us'], idEnvio: 'missing-wa', subject: 'Informe' }),
    });
    const sent = await eventually(
      async () => {
        const items = await outbox(server!);
        return items.length === 2 ? items : undefined;
      },
      15_000,
      'a notice to each operator',
    );
    expect(sent.map((item) => item.to).sort()).toEqual(['+50677776666', '+50688887777']);
    for (const item of sent)
      expect(item.text).toMatch(/^⚠️ cvt-whatsapp: un mensaje de la cola offline-reports pasó a mensajes muertos\. /u);
    expect(server.output.some((line) => line.includes('"notifier":"whatsapp +506****7777"') && line.includes('operator notice sent'))).toBe(
      true,
    );
  });
});
