import { demoConfigSchema } from '../../src/adapters/demo/demo.config.ts';
import { createDemoProvider } from '../../src/adapters/demo/demo.provider.ts';
import { SystemClock } from '../../src/adapters/in-process/system-clock.adapter.ts';
import { startCliengoFake } from '../support/fakes/cliengo.fake.ts';
import { MemoryLogger } from '../support/silent-logger.ts';
import { messagingContract } from './messaging.contract.ts';

const TIMEOUT_MS = 300;

messagingContract({
  name: 'demo',
  kind: 'template',
  // A throwaway provider that speaks Cliengo's wire contract, so Cliengo's fake plays it.
  // Cliengo has no session, so never "not ready" (docs/contracts/providers/cliengo.md); 429 and 5xx come from the gateway in front.
  faults: ['rate_limited', 'server_error', 'timeout', 'unauthorized', 'invalid_recipient', 'unknown_template'],
  timeoutMs: TIMEOUT_MS,
  async setup() {
    const { env, fake, close } = await startCliengoFake({ slowMs: TIMEOUT_MS + 1_000 });
    const settings = demoConfigSchema.parse(
      Object.fromEntries(Object.entries(env).map(([name, value]) => [name.replace(/^CLIENGO_/u, 'DEMO_'), value])),
    );
    const { messaging } = createDemoProvider(settings, { timeoutMs: TIMEOUT_MS, clock: new SystemClock(), logger: new MemoryLogger() });
    return { port: messaging, fake, close };
  },
});
