import type { OfflineReportRequest } from '../../application/use-cases/process-offline-report.use-case.ts';
import { isSafeReportId } from '../../domain/reports/report-keys.ts';
import { isRecord, isWholeNumber } from './plain-values.ts';

/** offline-report.schema.ts's subject when the body has none. */
export const DEFAULT_REPORT_SUBJECT = 'Informe de noticias';

/** A `whatsapp-informes` body offline-report.schema.ts surely accepts, read as it reads it; else undefined (plain-values.ts). */
export function plainOfflineReportBody(value: unknown): OfflineReportRequest | undefined {
  if (!isRecord(value)) return undefined;
  const { destinatarios, idEnvio, subject } = value;
  if (!Array.isArray(destinatarios) || destinatarios.length > 10_000) return undefined;
  const id = typeof idEnvio === 'string' ? idEnvio : isWholeNumber(idEnvio) && idEnvio >= 0 ? String(idEnvio) : undefined;
  if (id === undefined || !isSafeReportId(id)) return undefined;
  if (
    subject !== undefined &&
    subject !== null &&
    typeof subject !== 'string' &&
    !(typeof subject === 'number' && Number.isFinite(subject))
  )
    return undefined;
  const text = subject === undefined || subject === null ? '' : String(subject).trim();
  return { destinatarios: [...destinatarios], idEnvio: id, subject: text === '' ? DEFAULT_REPORT_SUBJECT : text };
}
