import { botmakerConfigSchema } from '../../src/adapters/botmaker/botmaker.config.ts';
import { createBotmakerProvider } from '../../src/adapters/botmaker/botmaker.provider.ts';
import { SystemClock } from '../../src/adapters/in-process/system-clock.adapter.ts';
import { startBotmakerFake } from '../support/fakes/botmaker.fake.ts';
import { MemoryLogger } from '../support/silent-logger.ts';
import { messagingContract } from './messaging.contract.ts';

const TIMEOUT_MS = 300;

messagingContract({
  name: 'botmaker',
  kind: 'template',
  // No not_ready: Botmaker's official API has no session that can be logged out.
  faults: ['rate_limited', 'server_error', 'timeout', 'unauthorized', 'invalid_recipient', 'unknown_template'],
  timeoutMs: TIMEOUT_MS,
  async setup() {
    const server = await startBotmakerFake({ slowMs: TIMEOUT_MS + 700 });
    const settings = botmakerConfigSchema.parse(server.env);
    const { messaging, receipts } = createBotmakerProvider(settings, {
      timeoutMs: TIMEOUT_MS,
      clock: new SystemClock(),
      logger: new MemoryLogger(),
    });
    return { port: messaging, receipts, fake: server.fake, close: server.close };
  },
});
