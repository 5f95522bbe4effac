import * as z from 'zod';
import { err, ok, type Result } from '../../domain/shared/result.ts';
import { describeIssues, parseJson } from './parse-json.ts';

/** A message of the dispatch queue (`cvt-whatsapp-dispatch`): the id of a delivery recorded in the ledger. */
const dispatchMessageSchema = z.object({ deliveryId: z.string().regex(/^[0-9a-f]{32}$/u, 'must be a delivery id') });

export function parseDispatchMessage(text: string): Result<string, string> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const parsed = dispatchMessageSchema.safeParse(json.value);
  return parsed.success ? ok(parsed.data.deliveryId) : err(describeIssues(parsed.error));
}
