import type { OfflineAlertsBody } from './offline-alerts.schema.ts';
import type { OfflineReportRequest } from '../../application/use-cases/process-offline-report.use-case.ts';
import { ok, type Result } from '../../domain/shared/result.ts';
import { plainDispatchMessage } from './dispatch-message.plain.ts';
import { plainOfflineAlertsBody } from './offline-alerts.plain.ts';
import { plainOfflineReportBody } from './offline-report.plain.ts';
import { parseJson } from './parse-json.ts';

/**
 * The queues' bodies as their zod schemas read them (`*.schema.ts`), each read by its plain reader first:
 * a well-formed body, as every real message should be, is answered without building a zod schema; the
 * schema is loaded only for a body the plain reader leaves undecided, to accept it or to say what is wrong.
 */
export async function readOfflineReportBody(text: string): Promise<Result<OfflineReportRequest, string>> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const plain = plainOfflineReportBody(json.value);
  if (plain !== undefined) return ok(plain);
  return (await import('./offline-report.schema.ts')).parseOfflineReportBody(text);
}

export async function readOfflineAlertsBody(text: string): Promise<Result<OfflineAlertsBody, string>> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const plain = plainOfflineAlertsBody(json.value);
  if (plain !== undefined) return ok(plain);
  return (await import('./offline-alerts.schema.ts')).parseOfflineAlertsBody(text);
}

export async function readDispatchMessage(text: string): Promise<Result<string, string>> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const plain = plainDispatchMessage(json.value);
  if (plain !== undefined) return ok(plain);
  return (await import('./dispatch-message.schema.ts')).parseDispatchMessage(text);
}
