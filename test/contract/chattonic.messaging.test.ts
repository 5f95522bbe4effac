import { chattonicConfigSchema } from '../../src/adapters/chattonic/chattonic.config.ts';
import { createChattonicProvider } from '../../src/adapters/chattonic/chattonic.provider.ts';
import { SystemClock } from '../../src/adapters/in-process/system-clock.adapter.ts';
import { startChattonicFake } from '../support/fakes/chattonic.fake.ts';
import { RaisedAlerts } from '../support/raised-alerts.ts';
import { MemoryLogger } from '../support/silent-logger.ts';
import { messagingContract } from './messaging.contract.ts';

const TIMEOUT_MS = 300;

messagingContract({
  name: 'chattonic',
  kind: 'template',
  // Chat-Tonic documents no error bodies or codes (docs/contracts/providers/chattonic.md §3), so a refused number or template is
  // an undistinguished 4xx (`rejected`); and it has no session that could be "not ready".
  faults: ['rate_limited', 'server_error', 'timeout', 'unauthorized'],
  timeoutMs: TIMEOUT_MS,
  async setup() {
    const { env, fake, close } = await startChattonicFake({ slowMs: TIMEOUT_MS + 1_000 });
    const settings = chattonicConfigSchema.parse(env);
    const { messaging } = createChattonicProvider(settings, {
      timeoutMs: TIMEOUT_MS,
      clock: new SystemClock(),
      logger: new MemoryLogger(),
      alerts: new RaisedAlerts(),
    });
    return { port: messaging, fake, close };
  },
});
