import { afterEach, describe, expect, it } from 'vitest';
import { startWaapiFake } from '../support/fakes/waapi.fake.ts';
import { startServer, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { mulberry32 } from './support/chaos-proxy.ts';
import { auditDeliveries } from './support/delivery-audit.ts';
import { faultScale, recordFigures } from './support/fault-scale.ts';
import { prepareJob } from './support/four-jobs.ts';
import { readLedger, settledLedger } from './support/ledger-snapshot.ts';

const scale = faultScale();
const tempDir = useTempDirs();
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

const CONCURRENCY = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`a server killed again and again during a large run (${scale.name} run)`, () => {
  for (let run = 1; run <= scale.runs; run++) {
    it(`run ${run}: every delivery asked goes out; a repeat is only a send that was in flight when the process died`, async () => {
      const seed = 3_000 + run;
      const random = mulberry32(seed);
      const waapi = await startWaapiFake();
      cleanup.push(() => waapi.close());
      const dataDir = tempDir();
      const env = {
        WHATSAPP_PROVIDER: 'waapi',
        ...waapi.env,
        // A little pacing spreads the run over several seconds, so the kills land while it sends.
        WAAPI_MIN_INTERVAL_MS: '25',
        WAAPI_JITTER_MS: '0',
        WAAPI_TIMEOUT_MS: '2000',
        WHATSAPP_RECIPIENT_SPACING_MS: '0',
        DISPATCH_CONCURRENCY: String(CONCURRENCY),
        DISPATCH_RETRY_BASE_MS: '50',
        // Short leases and visibility: the restarted process retakes what the killed one held.
        DISPATCH_LEASE_MS: '1000',
        QUEUE_VISIBILITY_MS: '1000',
      };
      let server: RunningServer = await startServer(dataDir, env);
      cleanup.push(() => server.stop());

      const perRound = Math.ceil(scale.crashDeliveries / (scale.kills + 1));
      const asked: string[] = [];
      let unsentAtKills = 0;
      for (let round = 0; round <= scale.kills; round++) {
        if (round > 0) server = await startServer(dataDir, env);
        const count = Math.min(perRound, scale.crashDeliveries - asked.length);
        const work = await prepareJob('offline-alert', { server, dataDir, serial: run * 100 + round }, count, 10);
        await work.start();
        asked.push(...work.asked);
        if (round === scale.kills) break;
        await sleep(50 + random() * 800);
        await server.kill();
        unsentAtKills += readLedger(dataDir).filter((row) => row.status === 'queued' || row.status === 'sending').length;
      }
      const rows = await settledLedger(dataDir, 'offline-alert', asked.length, 120_000);
      const wanted = new Set(asked);
      const received = waapi.fake.accepted().map((message) => message.to);
      const audit = auditDeliveries(
        asked,
        rows,
        received.filter((to) => wanted.has(to)),
      );
      recordFigures('crash-server', {
        seed,
        job: 'offline-alert',
        faults: { sigkill: scale.kills },
        providerCalls: waapi.fake.calls(),
        ...audit,
      });

      // The kills must land while the run is sending, or they prove nothing.
      expect(unsentAtKills).toBeGreaterThan(0);
      expect(audit.lost).toBe(0);
      expect(audit.sent).toBe(asked.length);
      expect(audit.duplicates).toBeLessThanOrEqual(scale.kills * CONCURRENCY);
    }, 600_000);
  }
});
