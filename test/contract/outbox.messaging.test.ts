import { join } from 'node:path';
import { OutboxMessaging } from '../../src/adapters/outbox/outbox.messaging.adapter.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { messagingContract } from './messaging.contract.ts';

const tempDir = useTempDirs();

messagingContract({
  name: 'outbox',
  kind: 'free-text',
  faults: [],
  timeoutMs: 1_000,
  async setup() {
    const outbox = new OutboxMessaging(join(tempDir(), 'outbox.db'));
    const accepted = async () => (await outbox.list(1_000)).reverse().map((entry) => ({ to: entry.to, text: entry.text }));
    let snapshot: { to: string; text: string }[] = [];
    const port = {
      provider: outbox.provider,
      session: () => outbox.session(),
      send: async (message: Parameters<typeof outbox.send>[0]) => {
        const result = await outbox.send(message);
        snapshot = await accepted();
        return result;
      },
    };
    return {
      port,
      fake: {
        fail: () => {
          throw new Error('the outbox cannot fail');
        },
        accepted: () => snapshot,
        calls: () => snapshot.length,
        secrets: [],
      },
      close: async () => outbox.close(),
    };
  },
});
