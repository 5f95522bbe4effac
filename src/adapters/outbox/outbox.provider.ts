import { join } from 'node:path';
import type { MessagingPort } from '../../application/ports/messaging.port.ts';
import type { OutboxReader } from '../../application/ports/outbox.port.ts';
import { OutboxMessaging } from './outbox.messaging.adapter.ts';

/** The provider that records instead of sending, in DATA_DIR/outbox.db, readable by the API and the CLI. */
export function createOutboxProvider(
  _settings: unknown,
  runtime: { readonly dataDir: string },
): { messaging: MessagingPort; outbox: OutboxReader; close(): void } {
  const outbox = new OutboxMessaging(join(runtime.dataDir, 'outbox.db'));
  return { messaging: outbox, outbox, close: () => outbox.close() };
}
