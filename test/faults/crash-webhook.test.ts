import { afterEach, describe, expect, it } from 'vitest';
import { startWaapiFake } from '../support/fakes/waapi.fake.ts';
import { putClient } from '../support/server-api.ts';
import { startServer, WEBHOOK_TOKEN, type RunningServer } from '../support/server-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { auditDeliveries } from './support/delivery-audit.ts';
import { faultScale, recordFigures } from './support/fault-scale.ts';
import { recipients } from './support/four-jobs.ts';
import { readLedger, settledLedger } from './support/ledger-snapshot.ts';

const scale = faultScale();
const tempDir = useTempDirs();
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

/** Webhook calls in flight at once: the server records them in shared (group-committed) transactions. */
const CONNECTIONS = 20;
const CONTACTS = 3;
const DISPATCH_CONCURRENCY = 4;

interface WebhookCall {
  readonly client: string;
  readonly contacts: string[];
}

describe(`a server killed while many webhook calls arrive at once (${scale.name} run)`, () => {
  for (let run = 1; run <= scale.runs; run++) {
    it(`run ${run}: every call answered 202 before the kill has all its deliveries on disk, and they go out after the restart`, async () => {
      const waapi = await startWaapiFake();
      cleanup.push(() => waapi.close());
      const dataDir = tempDir();
      const env = {
        WHATSAPP_PROVIDER: 'waapi',
        ...waapi.env,
        WAAPI_MIN_INTERVAL_MS: '0',
        WAAPI_JITTER_MS: '0',
        WAAPI_TIMEOUT_MS: '2000',
        WHATSAPP_RECIPIENT_SPACING_MS: '0',
        DISPATCH_CONCURRENCY: String(DISPATCH_CONCURRENCY),
        DISPATCH_RETRY_BASE_MS: '50',
        DISPATCH_LEASE_MS: '1000',
      };
      let server: RunningServer = await startServer(dataDir, env);
      cleanup.push(() => server.stop());

      // One call per client, each client with its own contacts: a call's deliveries are known by their numbers.
      const callCount = Math.max(6 * CONNECTIONS, Math.ceil(scale.crashDeliveries / CONTACTS));
      const numbers = recipients('meltwater-alert', (run * 100 + 90) * 1_000, callCount * CONTACTS);
      const calls: WebhookCall[] = Array.from({ length: callCount }, (_, index) => ({
        client: `5792a7288ac8f35b0c${(run * 10_000 + index).toString(16).padStart(6, '0')}`,
        contacts: numbers.slice(index * CONTACTS, (index + 1) * CONTACTS),
      }));
      for (const call of calls) {
        const saved = await putClient(
          server,
          call.client,
          call.contacts.map((phone) => `${phone.slice(1)}@c.us`),
        );
        expect(saved.status).toBeLessThan(300);
      }

      const acknowledged: WebhookCall[] = [];
      const unanswered: WebhookCall[] = [];
      let next = 0;
      let inFlight = 0;
      // The kill is sent by the connection whose answer reaches a third, in the same turn: the others are then
      // waiting for theirs, whatever the machine's speed (a poll from outside could miss the whole run).
      const killAt = Math.ceil(callCount / 3);
      let killing: Promise<void> | undefined;
      let inFlightAtKill = 0;
      const post = (target: RunningServer, call: WebhookCall, index: number) =>
        target.request(`/api/mw/whatsapp/${call.client}?token=${WEBHOOK_TOKEN}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            id: `crash-${run}-${index}`,
            title: `Noticia ${index}`,
            links: { article: `https://www.nacion.com/${run}/${index}` },
          }),
        });
      const connection = async (): Promise<void> => {
        while (next < calls.length) {
          const index = next++;
          const call = calls[index]!;
          inFlight++;
          let response: Response;
          try {
            response = await post(server, call, index);
          } catch {
            // The process died with this call: Meltwater sees a failed call, and calls again later.
            unanswered.push(call);
            continue;
          } finally {
            inFlight--;
          }
          // The status line is the answer: once it says 202, the deliveries must be on disk, whatever befalls the body.
          if (response.status !== 202) throw new Error(`answered ${response.status}: ${await response.text()}`);
          acknowledged.push(call);
          if (acknowledged.length === killAt) {
            inFlightAtKill = inFlight;
            killing = server.kill();
          }
          const body = (await response.json().catch(() => ({ queued: CONTACTS }))) as { queued: number };
          expect(body.queued).toBe(CONTACTS);
        }
      };
      const loops = Promise.all(Array.from({ length: CONNECTIONS }, connection));

      await loops;
      if (killing === undefined) throw new Error(`only ${acknowledged.length} of ${callCount} calls were answered`);
      await killing;
      const unsentAtKill = readLedger(dataDir).filter((row) => row.status === 'queued' || row.status === 'sending').length;

      // What the killed process said "accepted" is on disk: read straight from the file, before any restart.
      const onDisk = new Set(readLedger(dataDir).map((row) => row.recipient));
      const missing = acknowledged.flatMap((call) => call.contacts).filter((phone) => !onDisk.has(phone));
      expect(inFlightAtKill).toBeGreaterThan(0);
      expect(missing).toEqual([]);

      // Restarted, it sends them; the calls that got no answer are made again, as Meltwater retries.
      server = await startServer(dataDir, env);
      for (const [index, call] of unanswered.entries()) {
        const response = await post(server, call, calls.indexOf(call));
        expect(response.status, `retry ${index}`).toBe(202);
        await response.body?.cancel();
      }
      const rows = await settledLedger(dataDir, 'meltwater-alert', numbers.length, 120_000);
      const wanted = new Set(numbers);
      const audit = auditDeliveries(
        numbers,
        rows,
        waapi.fake
          .accepted()
          .map((message) => message.to)
          .filter((to) => wanted.has(to)),
      );
      recordFigures('crash-webhook', {
        seed: run,
        job: 'meltwater-alert',
        faults: { sigkill: 1 },
        unsentAtKills: unsentAtKill,
        providerCalls: waapi.fake.calls(),
        ...audit,
      });
      expect(audit.lost).toBe(0);
      expect(audit.sent).toBe(numbers.length);
      expect(audit.duplicates).toBeLessThanOrEqual(DISPATCH_CONCURRENCY);
    }, 600_000);
  }
});
