import type { OfflineAlertEntry } from '../../domain/alerts/offline-alert.ts';
import type { Result } from '../../domain/shared/result.ts';
import { isRecord, isWholeNumber, readPlainFirst, trimmedText } from './plain-values.ts';
import { MAX_OFFLINE_ALERTS, type OfflineAlertsBody } from './queue-bodies.ts';

/**
 * A `notificaciones-controles` body whose every entry offline-alerts.schema.ts surely accepts, read as it
 * reads it (no entry skipped); undefined leaves the body to the schema (see plain-values.ts).
 */
export function plainOfflineAlertsBody(value: unknown): OfflineAlertsBody | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_OFFLINE_ALERTS) return undefined;
  const entries: OfflineAlertEntry[] = [];
  for (const item of value) {
    const entry = plainOfflineAlertEntry(item);
    if (entry === undefined) return undefined;
    entries.push(entry);
  }
  return { entries, invalid: [] };
}

function plainOfflineAlertEntry(value: unknown): OfflineAlertEntry | undefined {
  if (!isRecord(value)) return undefined;
  const nota = isWholeNumber(value['nota']) ? String(value['nota']) : trimmedText(value['nota'], 1, 128);
  const titulo = trimmedText(value['titulo'], 1, 2_000);
  const correo = trimmedText(value['correo'], 1, 320);
  const cliente = clienteOf(value['cliente']);
  if (nota === undefined || titulo === undefined || correo === undefined || cliente === undefined) return undefined;
  const devices = value['onesignalDevices'];
  const onesignalDevices = Array.isArray(devices)
    ? devices.filter((device): device is string => typeof device === 'string' && device !== '').slice(0, 1_000)
    : [];
  return { nota, titulo, cliente, correo, onesignalDevices };
}

function clienteOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * A `notificaciones-controles` body as offline-alerts.schema.ts reads it, the schema loaded only for a body
 * left undecided here (a bad entry, which it words).
 */
export function readOfflineAlertsBody(text: string): Promise<Result<OfflineAlertsBody, string>> {
  return readPlainFirst(text, plainOfflineAlertsBody, (schemas) => schemas.parseOfflineAlertsBody);
}
