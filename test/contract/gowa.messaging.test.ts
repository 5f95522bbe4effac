import { SystemClock } from '../../src/adapters/in-process/system-clock.adapter.ts';
import { gowaConfigSchema } from '../../src/adapters/gowa/gowa.config.ts';
import { createGowaProvider } from '../../src/adapters/gowa/gowa.provider.ts';
import { startGowaFake } from '../support/fakes/gowa.fake.ts';
import { MemoryLogger } from '../support/silent-logger.ts';
import { messagingContract } from './messaging.contract.ts';

const TIMEOUT_MS = 300;

messagingContract({
  name: 'gowa',
  kind: 'free-text',
  faults: ['rate_limited', 'server_error', 'timeout', 'unauthorized', 'invalid_recipient', 'not_ready'],
  timeoutMs: TIMEOUT_MS,
  async setup() {
    const started = await startGowaFake({ slowMs: TIMEOUT_MS + 700 });
    const settings = gowaConfigSchema.parse(started.env);
    const provider = createGowaProvider(settings, { timeoutMs: TIMEOUT_MS, clock: new SystemClock(), logger: new MemoryLogger() });
    return { port: provider.messaging, receipts: provider.receipts, fake: started.fake, close: started.close };
  },
});
