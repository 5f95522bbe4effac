import type { Clock } from '../../application/ports/clock.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../application/ports/messaging.port.ts';
import type { DemoConfig } from './demo.config.ts';
import { DemoMessaging } from './demo.messaging.adapter.ts';

/** Demo posts no delivery receipts back (none documented, docs/contracts/providers/demo.md): messaging only. */
export function createDemoProvider(
  settings: DemoConfig,
  runtime: { timeoutMs: number; clock: Clock; logger: Logger },
): { messaging: MessagingPort } {
  return { messaging: new DemoMessaging(settings, runtime) };
}
