import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { CHAOS_FAULTS, type ChaosFault } from './support/chaos-proxy.ts';
import { auditDeliveries } from './support/delivery-audit.ts';
import { faultScale, recordFigures } from './support/fault-scale.ts';
import { JOBS, prepareJob, startNewsletterSite } from './support/four-jobs.ts';
import { settledLedger } from './support/ledger-snapshot.ts';
import { startChaoticWaapi } from './support/waapi-chaos.ts';

const scale = faultScale();
const tempDir = useTempDirs();
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

const SHARE = 0.3;
const WITHOUT_LOST_ANSWERS = CHAOS_FAULTS.filter((fault) => fault !== 'lost_response');

async function faultRun(run: number, scenario: 'provider-faults' | 'lost-answers', faults: readonly ChaosFault[], share: number) {
  const seed = (scenario === 'provider-faults' ? 1_000 : 2_000) + run;
  const provider = await startChaoticWaapi({ share, faults, seed, ...(faults.includes('timeout') ? {} : { timeoutMs: 10_000 }) });
  cleanup.push(() => provider.close());
  const site = await startNewsletterSite();
  cleanup.push(() => site.server.close());
  const dataDir = tempDir();
  const server: RunningServer = await startServer(dataDir, { ...provider.env, ...site.env });
  cleanup.push(() => server.stop());

  const results = [];
  for (const job of JOBS) {
    const before = provider.proxy.injected();
    const calls = provider.proxy.sendCalls();
    const abandonedBefore = provider.proxy.abandoned();
    const work = await prepareJob(job, { server, dataDir, serial: run }, scale.perJob);
    await work.start();
    const rows = await settledLedger(dataDir, job, work.asked.length, 120_000);
    const asked = new Set(work.asked);
    const audit = auditDeliveries(
      work.asked,
      rows,
      provider.received().filter((to) => asked.has(to)),
    );
    const faultCounts = Object.fromEntries(faults.map((fault) => [fault, provider.proxy.injected()[fault] - before[fault]]));
    const answersAbandoned = provider.proxy.abandoned() - abandonedBefore;
    const figures = {
      seed,
      job,
      share,
      faults: faultCounts,
      answersAbandoned,
      providerCalls: provider.proxy.sendCalls() - calls,
      ...audit,
    };
    recordFigures(scenario, figures);
    results.push(figures);
  }
  return results;
}

describe(`provider faults (${scale.name} run)`, () => {
  for (let run = 1; run <= scale.runs; run++) {
    it(`run ${run}: with ${SHARE * 100}% of sends failing in every way, each job's deliveries end sent or failed with a reason, none lost, none twice`, async () => {
      for (const result of await faultRun(run, 'provider-faults', WITHOUT_LOST_ANSWERS, SHARE)) {
        expect({ job: result.job, lost: result.lost, duplicates: result.duplicates }).toEqual({ job: result.job, lost: 0, duplicates: 0 });
        expect(result.sent + result.failed).toBe(result.asked);
        expect(result.recordedSentNeverReceived).toBe(0);
        expect(result.sentButRecordedFailed).toBe(0);
        // Only a permanent refusal ends a delivery as failed: twelve attempts outlast every passing fault.
        expect(result.failed).toBeLessThanOrEqual(result.faults['permanent_error']!);
        expect(Object.values(result.faults).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
      }
    }, 600_000);

    it(`run ${run}: when the provider takes a message but its answer is lost, nothing is lost and each repeat is one such answer`, async () => {
      for (const result of await faultRun(run, 'lost-answers', ['lost_response'], 0.2)) {
        expect(result.lost).toBe(0);
        expect(result.sent).toBe(result.asked);
        // An answer the service stopped waiting for (its timeout on a loaded machine) is lost just the same.
        expect(result.duplicates).toBeLessThanOrEqual(result.faults['lost_response']! + result.answersAbandoned);
      }
    }, 600_000);
  }
});
