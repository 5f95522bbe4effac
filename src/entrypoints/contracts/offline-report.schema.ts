import * as z from 'zod';
import type { OfflineReportRequest } from '../../application/use-cases/process-offline-report.use-case.ts';
import { isSafeReportId } from '../../domain/reports/report-keys.ts';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { DEFAULT_REPORT_SUBJECT as DEFAULT_SUBJECT } from './queue-bodies.ts';
import { describeIssues, parseJson } from './parse-json.ts';

/** The body CVT's backend puts on `whatsapp-informes` (docs/contracts/product.md §1.3). */
const offlineReportBodySchema = z.object({
  destinatarios: z.array(z.unknown()).max(10_000),
  idEnvio: z
    .union([z.string(), z.number().int().nonnegative()])
    .transform(String)
    .refine(isSafeReportId, 'must be 1 to 128 letters, digits, ".", "_" or "-", starting with a letter or digit and without ".."'),
  subject: z
    .union([z.string(), z.number()])
    .optional()
    .nullable()
    .transform((subject) =>
      subject === undefined || subject === null || String(subject).trim() === '' ? DEFAULT_SUBJECT : String(subject).trim(),
    ),
});

export function parseOfflineReportBody(text: string): Result<OfflineReportRequest, string> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const parsed = offlineReportBodySchema.safeParse(json.value);
  return parsed.success ? ok(parsed.data) : err(describeIssues(parsed.error));
}
