import type { Clock } from '../../application/ports/clock.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { MessagingPort } from '../../application/ports/messaging.port.ts';
import type { CliengoConfig } from './cliengo.config.ts';
import { CliengoMessaging } from './cliengo.messaging.adapter.ts';

/** Cliengo posts no delivery receipts back (none documented, docs/contracts/providers/cliengo.md): messaging only. */
export function createCliengoProvider(
  settings: CliengoConfig,
  runtime: { timeoutMs: number; clock: Clock; logger: Logger },
): { messaging: MessagingPort } {
  return { messaging: new CliengoMessaging(settings, runtime) };
}
