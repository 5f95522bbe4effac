import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { auditDeliveries } from './support/delivery-audit.ts';
import { faultScale, recordFigures } from './support/fault-scale.ts';
import { JOBS, prepareJob, startNewsletterSite, type JobRun } from './support/four-jobs.ts';
import { readLedger, settledLedger } from './support/ledger-snapshot.ts';
import { OUTAGE_PHASES, startOutageWaapi, type OutageWaapi } from './support/outage-proxy.ts';

const scale = faultScale();
const tempDir = useTempDirs();
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

// Issue 10: small timings, so that ten times the whole retry schedule fits in a test.
const MAX_ATTEMPTS = 3;
const RETRY_BASE_MS = 200;
/** Every retry a delivery would get before being marked failed, back to back at their longest: 200 + 400 ms. */
const RETRY_SCHEDULE_MS = RETRY_BASE_MS * (2 ** (MAX_ATTEMPTS - 1) - 1);
const OUTAGE_MS = 10 * RETRY_SCHEDULE_MS;
const PHASE_MS = Math.ceil(OUTAGE_MS / OUTAGE_PHASES.length);
const SETTINGS = {
  DISPATCH_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
  DISPATCH_RETRY_BASE_MS: String(RETRY_BASE_MS),
  DISPATCH_RETRY_MAX_MS: '1000',
  DISPATCH_PROBE_MAX_MS: '1000',
  DISPATCH_CONCURRENCY: '8',
  WHATSAPP_BREAKER_HALF_OPEN_MS: '1000',
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The provider goes down in each way in turn for OUTAGE_MS while `during` runs, then comes back. */
async function outage(provider: OutageWaapi, during: () => Promise<void>): Promise<void> {
  await provider.setPhase('refuse');
  await during();
  // Timed from when every job has started (which takes a while under load), so that each delivery waits the whole outage.
  const started = Date.now();
  let end = started;
  for (const phase of OUTAGE_PHASES) {
    await provider.setPhase(phase);
    // The scenario's timeline: each phase lasts its share of the outage, and (refused calls never arrive)
    // until the service has looked at the provider in that state at least once, however loaded the machine.
    end += PHASE_MS;
    await pause(Math.max(0, end - Date.now()));
    if (phase !== 'refuse')
      await eventually(async () => (provider.calls()[phase] > 0 ? true : undefined), 60_000, `a look during ${phase}`);
    end = Math.max(end, Date.now());
  }
}

async function outageRun(run: number, maxAge: Record<string, number> | undefined) {
  const seed = 5_000 + run + (maxAge === undefined ? 0 : 100);
  const provider = await startOutageWaapi();
  cleanup.push(() => provider.close());
  const site = await startNewsletterSite();
  cleanup.push(() => site.server.close());
  const dataDir = tempDir();
  const server = await startServer(dataDir, {
    ...provider.env,
    ...site.env,
    ...SETTINGS,
    ...(maxAge === undefined ? {} : { DELIVERY_MAX_AGE_HOURS: JSON.stringify(maxAge) }),
  });
  cleanup.push(() => server.stop());

  const works = new Map<string, JobRun>();
  for (const job of JOBS) works.set(job, await prepareJob(job, { server, dataDir, serial: 100 + run }, scale.perJob));
  await outage(provider, async () => {
    for (const work of works.values()) await work.start();
  });
  // The outage outlasted the retry schedule ten times over: still, nothing has been given up as failed.
  const atRecovery = readLedger(dataDir);
  await provider.setPhase(null);

  const results = [];
  for (const [job, work] of works) {
    const rows = await settledLedger(dataDir, job, work.asked.length, 120_000);
    const asked = new Set(work.asked);
    const audit = auditDeliveries(
      work.asked,
      rows,
      provider.received().filter((to) => asked.has(to)),
    );
    const figures = {
      seed,
      job,
      faults: { [`outage ${(OUTAGE_MS / 1000).toFixed(1)} s`]: 1 },
      providerCalls: provider.waapi.fake.accepted().filter((message) => asked.has(message.to)).length,
      ...audit,
      lateAnswers: provider.lateAnswers(),
    };
    recordFigures(maxAge === undefined ? 'outage' : 'outage-expiry', figures);
    results.push({ ...figures, failedAtRecovery: atRecovery.filter((row) => row.job === job && row.status === 'failed').length });
  }
  return { results, calls: provider.calls(), lateAnswers: provider.lateAnswers(), server, atRecovery };
}

describe(`provider outage (${scale.name} run)`, () => {
  for (let run = 1; run <= scale.runs; run++) {
    it(`run ${run}: refused, session not ready, then 503 for ten times the retry schedule: every delivery of the four jobs waits and is sent once, none failed`, async () => {
      const { results, calls, lateAnswers, server, atRecovery } = await outageRun(run, undefined);
      for (const result of results) {
        expect({ job: result.job, failedAtRecovery: result.failedAtRecovery }).toEqual({ job: result.job, failedAtRecovery: 0 });
        expect({
          job: result.job,
          sent: result.sent,
          failed: result.failed,
          expired: result.expired,
          lost: result.lost,
        }).toEqual({
          job: result.job,
          sent: result.asked,
          failed: 0,
          expired: 0,
          lost: 0,
        });
      }
      // Sent once: a repeat only where the provider took a send but answered after the service stopped waiting (load).
      expect(results.reduce((total, result) => total + result.duplicates, 0)).toBeLessThanOrEqual(lateAnswers);
      // While they waited, each delivery's last error named the cause underneath, whichever way the provider was down.
      const waiting = atRecovery.filter((row) => row.lastError !== null);
      expect(waiting.length).toBeGreaterThan(0);
      for (const row of waiting) expect(row.lastError).toMatch(/ECONNREFUSED|instance not ready|HTTP 503/u);
      // The provider really was looked at in the later ways of being down, not only refused.
      expect(calls['not-ready']).toBeGreaterThan(0);
      expect(calls['http-503']).toBeGreaterThan(0);
      // A delivery's history tells the wait.
      const items = ((await (await server.admin('/api/deliveries?limit=1')).json()) as { items: { id: string }[] }).items;
      const history = (await (await server.admin(`/api/deliveries/${items[0]!.id}`)).json()) as {
        events: { type: string }[];
        attempts: number;
      };
      expect(history.events.map((event) => event.type)).toEqual(expect.arrayContaining(['recorded', 'waiting', 'sent']));
      expect(history.attempts).toBeLessThanOrEqual(MAX_ATTEMPTS);
    }, 600_000);
  }

  it('expires what outlasts its maximum age, distinct from failed, and sends the rest once', async () => {
    // Offline alerts may wait a third of the outage; the other jobs keep their defaults (hours).
    const maxAgeHours = OUTAGE_MS / 3 / 3_600_000;
    const { results, lateAnswers } = await outageRun(1, { 'offline-alert': maxAgeHours });
    for (const result of results) {
      const expected = result.job === 'offline-alert' ? { sent: 0, expired: result.asked } : { sent: result.asked, expired: 0 };
      expect({
        job: result.job,
        sent: result.sent,
        expired: result.expired,
        failed: result.failed,
        lost: result.lost,
      }).toEqual({
        job: result.job,
        ...expected,
        failed: 0,
        lost: 0,
      });
    }
    expect(results.reduce((total, result) => total + result.duplicates, 0)).toBeLessThanOrEqual(lateAnswers);
  }, 600_000);
});
