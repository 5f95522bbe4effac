import { isRecord } from './plain-values.ts';

const DISTRIBUTION_ID = /^[0-9a-fA-F]{24}$/u;

/** A newsletter run request admin.schema.ts's `newsletterRunSchema` surely accepts, read as it reads it; else undefined (plain-values.ts). */
export function plainNewsletterRun(value: unknown): { distributionIds?: string[] } | undefined {
  if (value === undefined) return {};
  if (!isRecord(value)) return undefined;
  const ids = value['distributionIds'];
  if (ids === undefined) return {};
  if (!Array.isArray(ids) || ids.length > 1_000) return undefined;
  const read: string[] = [];
  for (const id of ids) {
    if (typeof id !== 'string' || !DISTRIBUTION_ID.test(id)) return undefined;
    read.push(id.toLowerCase());
  }
  return { distributionIds: read };
}
