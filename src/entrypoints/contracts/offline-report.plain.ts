import type { OfflineReportRequest } from '../../application/use-cases/process-offline-report.use-case.ts';
import { isSafeReportId } from '../../domain/reports/report-keys.ts';
import type { Result } from '../../domain/shared/result.ts';
import { isRecord, isWholeNumber, readPlainFirst } from './plain-values.ts';
import { DEFAULT_REPORT_SUBJECT } from './queue-bodies.ts';

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

/** A `whatsapp-informes` body as offline-report.schema.ts reads it, the schema loaded only for a body left undecided here. */
export function readOfflineReportBody(text: string): Promise<Result<OfflineReportRequest, string>> {
  return readPlainFirst(text, plainOfflineReportBody, (schemas) => schemas.parseOfflineReportBody);
}
