import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { startWaapiFake, type StartedWaapiFake } from '../support/fakes/waapi.fake.ts';
import { startFauxqs, type Fauxqs, type FauxqsQueue } from '../support/fauxqs.ts';
import { startWorker, type RunningWorker } from '../support/worker-process.ts';
import { mulberry32 } from './support/chaos-proxy.ts';
import { auditDeliveries } from './support/delivery-audit.ts';
import { faultScale, recordFigures } from './support/fault-scale.ts';
import { recipients } from './support/four-jobs.ts';
import { readLedger, settledLedger } from './support/ledger-snapshot.ts';

const scale = faultScale();
const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

const CONCURRENCY = 4;
const PER_MESSAGE = 5;

async function queues(fauxqs: Fauxqs): Promise<Record<'reports' | 'alerts' | 'dispatch', FauxqsQueue>> {
  return {
    reports: await fauxqs.createQueue('whatsapp-informes', { maxReceiveCount: 5, visibilityTimeoutSeconds: 5 }),
    alerts: await fauxqs.createQueue('notificaciones-controles', { maxReceiveCount: 5, visibilityTimeoutSeconds: 5 }),
    dispatch: await fauxqs.createQueue('cvt-whatsapp-dispatch', { maxReceiveCount: 10, visibilityTimeoutSeconds: 5 }),
  };
}

/** CVT's backend queueing offline alerts, each message for five people, ten messages a call. */
async function queueAlerts(fauxqs: Fauxqs, queue: FauxqsQueue, serial: number, messages: number): Promise<string[]> {
  const asked = recipients('offline-alert', serial * 1_000, messages * PER_MESSAGE);
  const bodies = Array.from({ length: messages }, (_, index) =>
    JSON.stringify(
      asked.slice(index * PER_MESSAGE, (index + 1) * PER_MESSAGE).map((phone, entry) => ({
        nota: `nota${serial}x${index}x${entry}`,
        titulo: `Nota ${serial}-${index}-${entry}`,
        cliente: '5792a7288ac8f35b0aa93bee',
        correo: `${phone.slice(1)}@c.us`,
        onesignalDevices: [],
      })),
    ),
  );
  for (let index = 0; index < bodies.length; index += 10) {
    const entries = bodies.slice(index, index + 10).map((body, offset) => ({ Id: String(index + offset), MessageBody: body }));
    await fauxqs.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: entries }));
  }
  return asked;
}

function audit(waapi: StartedWaapiFake, asked: readonly string[], rows: ReturnType<typeof readLedger>) {
  const wanted = new Set(asked);
  return auditDeliveries(
    asked,
    rows.filter((row) => wanted.has(row.recipient)),
    waapi.fake
      .accepted()
      .map((message) => message.to)
      .filter((to) => wanted.has(to)),
  );
}

describe(`two workers on the same queues (${scale.name} run)`, () => {
  for (let run = 1; run <= scale.runs; run++) {
    it(`run ${run}: together they send each message once; with one killed and restarted, nothing is lost`, async () => {
      const seed = 4_000 + run;
      const random = mulberry32(seed);
      const fauxqs = await startFauxqs();
      cleanup.push(() => fauxqs.close());
      await fauxqs.createBucket('ciris-controles-prod');
      const queue = await queues(fauxqs);
      const waapi = await startWaapiFake();
      cleanup.push(() => waapi.close());
      const dataDir = mkdtempSync(join(tmpdir(), 'cvt-two-workers-'));
      cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const env = {
        ...fauxqs.env,
        ...waapi.env,
        WHATSAPP_PROVIDER: 'waapi',
        WAAPI_MIN_INTERVAL_MS: '10',
        WAAPI_JITTER_MS: '0',
        WHATSAPP_RECIPIENT_SPACING_MS: '0',
        DISPATCH_CONCURRENCY: String(CONCURRENCY),
        DISPATCH_RETRY_BASE_MS: '50',
        DISPATCH_LEASE_MS: '1000',
        STORE: 'sqlite',
        DATA_DIR: dataDir,
        REPORT_STORE: 's3',
        S3_BUCKET: 'ciris-controles-prod',
        QUEUE: 'sqs',
        SQS_OFFLINE_REPORTS_URL: queue.reports.url,
        SQS_OFFLINE_ALERTS_URL: queue.alerts.url,
        SQS_DISPATCH_URL: queue.dispatch.url,
        QUEUE_VISIBILITY_MS: '5000',
      };
      const workers: RunningWorker[] = [await startWorker(env), await startWorker(env)];
      cleanup.push(() => Promise.all(workers.map((worker) => worker.stop())));

      const together = await queueAlerts(fauxqs, queue.alerts, run * 10, scale.workerMessages);
      const togetherRows = await settledLedger(dataDir, 'offline-alert', together.length, 120_000);
      const both = audit(waapi, together, togetherRows);
      const tookWork = workers.map((worker) => worker.output.filter((line) => line.includes('"msg":"offline alerts processed"')).length);
      recordFigures('two-workers', {
        seed,
        job: `both running (messages taken: ${tookWork.join(' + ')})`,
        faults: {},
        providerCalls: waapi.fake.calls(),
        ...both,
      });

      const calls = waapi.fake.calls();
      const afterKill = await queueAlerts(fauxqs, queue.alerts, run * 10 + 1, scale.workerMessages);
      await new Promise((resolve) => setTimeout(resolve, 200 + random() * 1_000));
      await workers[0]!.kill();
      const unsentAtKills = readLedger(dataDir).filter((row) => row.status === 'queued' || row.status === 'sending').length;
      workers[0] = await startWorker(env);
      const killedRows = await settledLedger(dataDir, 'offline-alert', together.length + afterKill.length, 120_000);
      const killed = audit(waapi, afterKill, killedRows);
      recordFigures('two-workers', {
        seed,
        job: 'one killed and restarted',
        faults: { sigkill: 1 },
        unsentAtKills,
        providerCalls: waapi.fake.calls() - calls,
        ...killed,
      });

      expect(both).toMatchObject({ lost: 0, duplicates: 0, sent: together.length });
      expect(killed).toMatchObject({ lost: 0, sent: afterKill.length });
      expect(killed.duplicates).toBeLessThanOrEqual(CONCURRENCY);
    }, 600_000);
  }
});
