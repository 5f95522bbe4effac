import type { InboundQueue } from '../../application/ports/job-queue.port.ts';
import type { Logger } from '../../application/ports/logger.port.ts';
import type { ProcessOfflineAlerts } from '../../application/use-cases/process-offline-alerts.use-case.ts';
import type { ProcessOfflineReport } from '../../application/use-cases/process-offline-report.use-case.ts';
import { readOfflineAlertsBody } from '../contracts/offline-alerts.plain.ts';
import { readOfflineReportBody } from '../contracts/offline-report.plain.ts';

/**
 * What became of a queue message: done (delete it), invalid (it can never be processed: dead-letter it
 * with the reason), or retry (it may work later: let it come back). A handler that throws means retry.
 */
export type QueueOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'invalid'; readonly reason: string }
  /** `delayMs`: when to try again, if the handler knows better than the queue's own backoff. */
  | { readonly kind: 'retry'; readonly reason: string; readonly delayMs?: number };

export type InboundHandler = (body: string) => Promise<QueueOutcome>;

/** `whatsapp-informes` (docs/contracts/product.md §1.3): a body that can never be processed is invalid; a report not stored yet, a retry. */
export function offlineReportsHandler(processOfflineReport: ProcessOfflineReport): InboundHandler {
  return async (body) => {
    const request = await readOfflineReportBody(body);
    if (!request.ok) return { kind: 'invalid', reason: request.error };
    const processed = await processOfflineReport.execute(request.value);
    if (processed.ok) return { kind: 'done' };
    return processed.error.retryable
      ? { kind: 'retry', reason: processed.error.message }
      : { kind: 'invalid', reason: processed.error.message };
  };
}

/** `notificaciones-controles` (docs/contracts/product.md §1.4): a bad entry is reported and skipped; a body without any good one is invalid. */
export function offlineAlertsHandler(processOfflineAlerts: ProcessOfflineAlerts, logger: Logger): InboundHandler {
  return async (body) => {
    const parsed = await readOfflineAlertsBody(body);
    if (!parsed.ok) return { kind: 'invalid', reason: parsed.error };
    if (parsed.value.invalid.length > 0) {
      logger.warn('offline alert entries skipped', { queue: 'offline-alerts', invalid: parsed.value.invalid });
    }
    await processOfflineAlerts.execute(parsed.value.entries);
    return { kind: 'done' };
  };
}

export interface InboundHandlerDeps {
  readonly processOfflineReport: ProcessOfflineReport;
  readonly processOfflineAlerts: ProcessOfflineAlerts;
  readonly logger: Logger;
}

/** The body of each of CVT's inbound queues, validated and handed to its use case. */
export function inboundHandlers(deps: InboundHandlerDeps): Record<InboundQueue, InboundHandler> {
  return {
    'offline-reports': offlineReportsHandler(deps.processOfflineReport),
    'offline-alerts': offlineAlertsHandler(deps.processOfflineAlerts, deps.logger),
  };
}
