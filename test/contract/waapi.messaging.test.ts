import { SystemClock } from '../../src/adapters/in-process/system-clock.adapter.ts';
import { waapiConfigSchema } from '../../src/adapters/waapi/waapi.config.ts';
import { createWaapiProvider } from '../../src/adapters/waapi/waapi.provider.ts';
import { startWaapiFake } from '../support/fakes/waapi.fake.ts';
import { MemoryLogger } from '../support/silent-logger.ts';
import { messagingContract } from './messaging.contract.ts';

const TIMEOUT_MS = 300;

messagingContract({
  name: 'waapi',
  kind: 'free-text',
  faults: ['rate_limited', 'server_error', 'timeout', 'unauthorized', 'invalid_recipient', 'not_ready'],
  timeoutMs: TIMEOUT_MS,
  async setup() {
    const started = await startWaapiFake({ slowMs: TIMEOUT_MS + 700 });
    const settings = waapiConfigSchema.parse(started.env);
    const provider = createWaapiProvider(settings, { timeoutMs: TIMEOUT_MS, clock: new SystemClock(), logger: new MemoryLogger() });
    return { port: provider.messaging, receipts: provider.receipts, fake: started.fake, close: started.close };
  },
});
