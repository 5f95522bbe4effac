import { cloudapiConfigSchema } from '../../src/adapters/cloudapi/cloudapi.config.ts';
import { createCloudapiProvider } from '../../src/adapters/cloudapi/cloudapi.provider.ts';
import { SystemClock } from '../../src/adapters/in-process/system-clock.adapter.ts';
import { openDatabase } from '../../src/adapters/sqlite/sqlite.database.ts';
import { SqliteConversationWindows } from '../../src/adapters/sqlite/sqlite.conversation-windows.adapter.ts';
import { startCloudApiFake } from '../support/fakes/cloudapi.fake.ts';
import { MemoryLogger } from '../support/silent-logger.ts';
import { messagingContract } from './messaging.contract.ts';

const TIMEOUT_MS = 300;

messagingContract({
  name: 'cloudapi',
  kind: 'template',
  // No 'unauthorized': an expired token (190) is the provider being unavailable, not this message's failure,
  // so it shows as not_ready (retryable, sending stops and operators are told), like a lost WhatsApp session.
  faults: ['rate_limited', 'server_error', 'timeout', 'not_ready', 'invalid_recipient', 'unknown_template'],
  timeoutMs: TIMEOUT_MS,
  async setup() {
    const server = await startCloudApiFake({ slowMs: TIMEOUT_MS + 700 });
    const db = openDatabase(':memory:');
    const { messaging, receipts } = createCloudapiProvider(cloudapiConfigSchema.parse(server.env), {
      timeoutMs: TIMEOUT_MS,
      clock: new SystemClock(),
      logger: new MemoryLogger(),
      windows: new SqliteConversationWindows(db),
      alerts: { raise: () => undefined },
    });
    return {
      port: messaging,
      receipts,
      fake: server.fake,
      close: async () => {
        db.close();
        await server.close();
      },
    };
  },
});
