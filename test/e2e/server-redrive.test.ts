import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCliSandbox } from '../support/cli.ts';
import { startFauxqs, type Fauxqs } from '../support/fauxqs.ts';
import { json, outbox, outboxWhenSettled } from '../support/server-api.ts';
import { eventually, startServer, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
let server: RunningServer | undefined;
let fauxqs: Fauxqs | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await fauxqs?.close();
  fauxqs = undefined;
});

const MEDIA = 'https://media.controles.co.cr';
const reportBody = (idEnvio: string, subject: string) => JSON.stringify({ destinatarios: ['50688888888@c.us'], idEnvio, subject });
const writeReport = (dataDir: string, idEnvio: string) => {
  mkdirSync(join(dataDir, 'reports/informes'), { recursive: true });
  writeFileSync(join(dataDir, `reports/informes/${idEnvio}.html`), '<div class="notasContexto"><p>Contexto</p></div>');
};

const enqueue = (running: RunningServer, body: string) =>
  running.admin('/api/queues/offline-reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const redrive = (running: RunningServer, body?: unknown) =>
  running.admin('/api/queues/offline-reports/dead-letters/redrive', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function deadLetters(running: RunningServer, count: number): Promise<{ id: string; reason: string; body: string }[]> {
  return eventually(
    async () => {
      const items = (await json(await running.admin('/api/queues/offline-reports/dead-letters')))['items'] as {
        id: string;
        reason: string;
        body: string;
      }[];
      return items.length === count ? items : undefined;
    },
    15_000,
    `${count} dead letters`,
  );
}

describe('redrive of dead letters, end to end (issue 10 §3)', () => {
  it('moves an embedded dead letter back to its queue by id (API) and the rest with the CLI, and each is then sent once', async () => {
    const dataDir = tempDir();
    server = await startServer(dataDir, { QUEUE_MAX_RECEIVES: '1' });
    // The reports were not written yet when CVT queued them: both die with that reason.
    await enqueue(server, reportBody('late-1', 'Informe tardío'));
    await enqueue(server, reportBody('late-2', 'Otro informe tardío'));
    const letters = await deadLetters(server, 2);
    expect(letters.map((letter) => letter.reason).sort()).toEqual([
      expect.stringMatching(/^failed 1 times; last error: the report informes\/late-1\.html does not exist/u),
      expect.stringMatching(/^failed 1 times; last error: the report informes\/late-2\.html does not exist/u),
    ]);

    expect((await redrive(server, { ids: 'late-1' })).status).toBe(400);
    expect((await server.admin('/api/queues/nope/dead-letters/redrive', { method: 'POST' })).status).toBe(404);
    expect((await server.request('/api/queues/offline-reports/dead-letters/redrive', { method: 'POST' })).status).toBe(401);

    writeReport(dataDir, 'late-1');
    writeReport(dataDir, 'late-2');
    const first = letters.find((letter) => letter.body.includes('late-1'))!;
    const answer = await redrive(server, { ids: [first.id] });
    expect({ status: answer.status, body: await answer.json() }).toEqual({ status: 200, body: { redriven: 1 } });
    expect((await outboxWhenSettled(server, 1)).map((message) => message.text)).toEqual([
      `Informe tardío\n\n${MEDIA}/informes/late-1.html`,
    ]);
    expect((await deadLetters(server, 1))[0]!.body).toContain('late-2');

    const cli = await createCliSandbox();
    try {
      const result = await cli.run(['dead-letters', 'redrive', 'offline-reports'], { env: { DATA_DIR: dataDir } });
      expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: '1 dead letter moved back to offline-reports\n' });
      const again = await cli.run(['dead-letters', 'redrive', 'offline-reports', '--id', first.id], { env: { DATA_DIR: dataDir } });
      expect(again.stdout).toBe('0 dead letters of the 1 named moved back to offline-reports\n');
    } finally {
      await cli.cleanup();
    }
    await eventually(async () => ((await outbox(server!)).length === 2 ? true : undefined), 10_000, 'the second report sent');
    expect((await outboxWhenSettled(server, 2)).map((message) => message.text).sort()).toEqual([
      `Informe tardío\n\n${MEDIA}/informes/late-1.html`,
      `Otro informe tardío\n\n${MEDIA}/informes/late-2.html`,
    ]);
    await deadLetters(server, 0);
    expect(await json(await redrive(server))).toEqual({ redriven: 0 });
  });

  it('with QUEUE=sqs, moves the message from the dead-letter queue back to the source queue, where it is processed', async () => {
    fauxqs = await startFauxqs();
    const reports = await fauxqs.createQueue('whatsapp-informes', { maxReceiveCount: 5, visibilityTimeoutSeconds: 5 });
    const alerts = await fauxqs.createQueue('notificaciones-controles', { maxReceiveCount: 5, visibilityTimeoutSeconds: 5 });
    const dataDir = tempDir();
    server = await startServer(dataDir, {
      ...fauxqs.env,
      QUEUE: 'sqs',
      SQS_OFFLINE_REPORTS_URL: reports.url,
      SQS_OFFLINE_ALERTS_URL: alerts.url,
      QUEUE_MAX_RECEIVES: '1',
      QUEUE_VISIBILITY_MS: '5000',
    });
    await enqueue(server, reportBody('late-sqs', 'Informe por SQS'));
    // Nothing to redrive until the message has died.
    await eventually(
      async () => {
        const { redriven } = (await json(await redrive(server!, { ids: ['not-this-one'] }))) as { redriven: number };
        expect(redriven).toBe(0);
        return server!.output.some((line) => line.includes('dead-letter')) ? true : undefined;
      },
      15_000,
      'the message dead-lettered',
    );
    writeReport(dataDir, 'late-sqs');
    const answer = await eventually(
      async () => {
        const body = (await json(await redrive(server!))) as { redriven: number };
        return body.redriven > 0 ? body : undefined;
      },
      15_000,
      'the dead letter redriven',
    );
    expect(answer).toEqual({ redriven: 1 });
    const [message, ...others] = await outboxWhenSettled(server, 1, 20_000);
    expect(others).toEqual([]);
    expect(message!.text).toBe(`Informe por SQS\n\n${MEDIA}/informes/late-sqs.html`);
    expect(await json(await redrive(server))).toEqual({ redriven: 0 });
  });
});
