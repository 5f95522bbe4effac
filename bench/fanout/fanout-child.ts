import { createContainer } from '../../src/entrypoints/composition/container.ts';
import { loadConfig } from '../../src/entrypoints/composition/load-config.ts';
import { mentionsFromWebhookBody } from '../../src/entrypoints/contracts/meltwater-webhook.plain.ts';
import { LedgerDispatcher } from '../../src/entrypoints/background/ledger-dispatcher.ts';
import { startDatabaseCheckpoints } from '../../src/entrypoints/shared/database-checkpoints.ts';
import type { DispatchDelivery, DispatchOutcome } from '../../src/application/use-cases/dispatch-delivery.use-case.ts';
import type { ClientId } from '../../src/domain/clients/client-id.ts';
import { CLIENT_ID, mentionBody } from '../lib/mention.ts';

// One fan-out, in a process of its own so that its memory figures are its own: a client with N WhatsApp
// contacts gets one Meltwater alert, and the server's dispatcher sends it to each of them through the
// waapi adapter (pacing off) until every delivery is recorded sent in the SQLite ledger. Everything is
// the service's own code, composed as the server composes it; arguments: N, C, Waapi URL, instance,
// token, DATA_DIR. The figures go back to the bench over IPC.

export interface FanoutFigures {
  readonly contacts: number;
  readonly concurrency: number;
  /** From the webhook's use case being called to the last delivery recorded sent. */
  readonly wallMs: number;
  /** The use case alone: 1 mention × N contacts recorded in the ledger. */
  readonly intakeMs: number;
  readonly cpuMicros: number;
  readonly outcomes: Record<string, number>;
  readonly rssBeforeBytes: number;
  readonly heapBeforeBytes: number;
  /** Sampled every 10 ms during the fan-out. */
  readonly peakRssBytes: number;
  readonly peakHeapBytes: number;
  /** The kernel's own high-water mark for the whole process (setup included). */
  readonly maxRssBytes: number;
  /** After a full collection once every delivery is sent: what the fan-out left behind. */
  readonly heapAfterBytes: number;
}

const [contactsArgument, concurrencyArgument, baseUrl, instanceId, token, dataDir] = process.argv.slice(2);
const contacts = Number(contactsArgument);

const config = await loadConfig({
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  REPORT_SCHEDULE: 'off',
  WHATSAPP_PROVIDER: 'waapi',
  WAAPI_BASE_URL: baseUrl,
  WAAPI_INSTANCE_ID: instanceId,
  WAAPI_TOKEN: token,
  WAAPI_WEBHOOK_TOKEN: 'bench-waapi-webhook-token-0123',
  WAAPI_MIN_INTERVAL_MS: '0',
  WAAPI_JITTER_MS: '0',
  DISPATCH_CONCURRENCY: concurrencyArgument,
});
const container = await createContainer(config);
const users = Array.from({ length: contacts }, (_, index) => `506${80_000_000 + index}@c.us`);
await container.get('manageClients').replace(CLIENT_ID as ClientId, { name: 'Cliente Temporal', users });

const outcomes: Record<string, number> = {};
let settled = 0;
let allSettled: () => void = () => undefined;
const finished = new Promise<void>((resolve) => (allSettled = resolve));
const count = (outcome: DispatchOutcome): DispatchOutcome => {
  outcomes[outcome.kind] = (outcomes[outcome.kind] ?? 0) + 1;
  if (outcome.kind === 'sent' && ++settled === contacts) allSettled();
  return outcome;
};
// As the server: a thread of its own copies the WAL into the database file, not a commit on the event loop.
const checkpoints = startDatabaseCheckpoints(container);
const dispatch: DispatchDelivery = container.get('dispatchDelivery');
// The server's own dispatcher (see background-work.ts), told about each outcome so the end is seen without polling.
const dispatcher = new LedgerDispatcher({
  ledger: container.get('deliveryLedger'),
  dispatch: {
    batches: dispatch.batches,
    execute: async (id) => count(await dispatch.execute(id)),
    executeBatch: async (ids) => (await dispatch.executeBatch(ids)).map(count),
  },
  signal: container.get('dispatchSignal')!,
  clock: container.get('clock'),
  logger: container.get('logger'),
  concurrency: config.DISPATCH_CONCURRENCY,
  pollMs: 1_000,
});
dispatcher.start();
// An alert arrives in a task of its own, while the dispatcher waits for work: let it get there first.
await new Promise((resolve) => setTimeout(resolve, 50));

globalThis.gc?.();
const before = process.memoryUsage();
let peakRss = before.rss;
let peakHeap = before.heapUsed;
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  peakRss = Math.max(peakRss, now.rss);
  peakHeap = Math.max(peakHeap, now.heapUsed);
}, 10);

const mentions = mentionsFromWebhookBody(JSON.parse(mentionBody(1)));
const cpuStart = process.cpuUsage();
const started = performance.now();
const accepted = await container.get('acceptMeltwaterAlert').execute(CLIENT_ID, mentions);
const intakeMs = performance.now() - started;
if (!accepted.ok || accepted.value.queued !== contacts)
  throw new Error(`the alert was not queued for every contact: ${JSON.stringify(accepted)}`);
await finished;
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
clearInterval(sampler);
globalThis.gc?.();

const figures: FanoutFigures = {
  contacts,
  concurrency: config.DISPATCH_CONCURRENCY,
  wallMs,
  intakeMs,
  cpuMicros: cpu.user + cpu.system,
  outcomes,
  rssBeforeBytes: before.rss,
  heapBeforeBytes: before.heapUsed,
  peakRssBytes: peakRss,
  peakHeapBytes: peakHeap,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  heapAfterBytes: process.memoryUsage().heapUsed,
};
await dispatcher.stop();
await checkpoints?.stop();
await container.close();
process.send!(figures, () => process.exit(0));
