import type { OfflineAlertEntry } from '../../domain/alerts/offline-alert.ts';

/** What a `notificaciones-controles` body is read as (offline-alerts.schema.ts and its plain reader). */
export interface OfflineAlertsBody {
  readonly entries: OfflineAlertEntry[];
  /** Entries that could not be read; the others are still processed. */
  readonly invalid: { readonly index: number; readonly reason: string }[];
}

/** The most entries one `notificaciones-controles` body may hold. */
export const MAX_OFFLINE_ALERTS = 10_000;

/** A `whatsapp-informes` body's subject when it has none. */
export const DEFAULT_REPORT_SUBJECT = 'Informe de noticias';
