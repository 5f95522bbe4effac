import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// Not part of `npm run bench`: what one send in flight keeps alive in ResilientMessaging, deterministic where the
// fan-out's survived bytes per scavenge are noisy (bench/notes/lean-cli-and-light-lambdas.md, "Sixth pass").
// `node --expose-gc bench/fanout/held-per-send.ts [module]`: 20,000 sends to a provider that holds each answer,
// heap after a full GC, minus the provider's own promises. `module` is the file exporting ResilientMessaging
// (another tree's, to compare; its constructor takes the logger third and, here, a clock fourth, ignored if unused).
const modulePath = resolve(process.argv[2] ?? 'src/application/services/resilient-messaging.ts');
const clockPath = resolve(modulePath, '../../../adapters/in-process/system-clock.adapter.ts');
const SENDS = 20_000;
const gc = globalThis.gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const { ResilientMessaging } = await import(pathToFileURL(modulePath).href);
const { SystemClock } = await import(pathToFileURL(clockPath).href);
const logger = { child: () => logger, info() {}, warn() {}, error() {}, debug() {} };
const answers: unknown[] = [];
const provider = {
  provider: 'held',
  send: () => new Promise((answer) => answers.push(answer)),
  session: async () => ({ ready: true, detail: 'held' }),
};
const settings = { WHATSAPP_RETRY_ATTEMPTS: 2, WHATSAPP_BREAKER_FAILURES: 5, WHATSAPP_BREAKER_HALF_OPEN_MS: 30_000 };
const resilient = new ResilientMessaging(provider, settings, logger, new SystemClock(), Math.random);
const message = { deliveryId: 'd-1', to: '+50688888888', job: 'meltwater-alert', text: 'Hola' };
const inFlight: unknown[] = [];

const settle = async (): Promise<void> => {
  for (let round = 0; round < 3; round++) {
    await new Promise((next) => setImmediate(next));
    gc();
  }
};
async function bytesPerSend(send: () => unknown): Promise<number> {
  inFlight.length = 0;
  answers.length = 0;
  await settle();
  const before = process.memoryUsage().heapUsed;
  for (let sent = 0; sent < SENDS; sent++) inFlight.push(send());
  await settle();
  return (process.memoryUsage().heapUsed - before) / SENDS;
}

const alone = await bytesPerSend(() => provider.send());
const through = await bytesPerSend(() => resilient.send(message));
process.stdout.write(
  `${JSON.stringify({ module: modulePath, providerPromiseBytes: Math.round(alone), throughResilientBytes: Math.round(through), heldByResilientBytes: Math.round(through - alone) })}\n`,
);
