import * as z from 'zod';
import type { OfflineAlertEntry } from '../../domain/alerts/offline-alert.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { MAX_OFFLINE_ALERTS as MAX_ENTRIES, type OfflineAlertsBody } from './queue-bodies.ts';
import { describeIssues, parseJson } from './parse-json.ts';

/** One entry of the array CVT's backend puts on `notificaciones-controles` (docs/contracts/product.md §1.4). */
const offlineAlertEntrySchema = z.object({
  nota: z.union([z.string().trim().min(1).max(128), z.number().int()]).transform(String),
  titulo: z.string().trim().min(1).max(2_000),
  // Side fields: a null client or a malformed device list must not cost the recipient its WhatsApp alert.
  cliente: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((cliente) => (cliente === undefined || cliente === null ? '' : String(cliente))),
  correo: z.string().trim().min(1).max(320),
  onesignalDevices: z
    .unknown()
    .optional()
    .transform((devices) =>
      Array.isArray(devices)
        ? devices.filter((device): device is string => typeof device === 'string' && device !== '').slice(0, 1_000)
        : [],
    ),
});

/** The body is refused only when no entry can be processed; a bad entry is reported and skipped. */
export function parseOfflineAlertsBody(text: string): Result<OfflineAlertsBody, string> {
  const json = parseJson(text);
  if (!json.ok) return json;
  if (!Array.isArray(json.value)) return err('body: expected an array of alerts');
  if (json.value.length === 0) return err('body: the array has no alert');
  if (json.value.length > MAX_ENTRIES) return err(`body: more than ${MAX_ENTRIES} alerts`);
  const entries: OfflineAlertEntry[] = [];
  const invalid: { index: number; reason: string }[] = [];
  json.value.forEach((value, index) => {
    const parsed = offlineAlertEntrySchema.safeParse(value);
    if (parsed.success) entries.push({ ...parsed.data, onesignalDevices: parsed.data.onesignalDevices ?? [] });
    else invalid.push({ index, reason: describeIssues(parsed.error) });
  });
  if (entries.length === 0)
    return err(
      `no valid alert: ${invalid
        .slice(0, 3)
        .map((entry) => `[${entry.index}] ${entry.reason}`)
        .join('; ')}`,
    );
  return ok({ entries, invalid });
}
