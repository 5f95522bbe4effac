import { trimTrailingSlashes } from '../shared/text.ts';

/**
 * Report ids become storage keys and URL paths, so they are limited to characters that cannot
 * climb out of their folder or need escaping.
 */
const SAFE_ID = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/u;

export function isSafeReportId(id: string): boolean {
  return SAFE_ID.test(id);
}

export const offlineReportKey = (idEnvio: string): string => `informes/${idEnvio}.html`;
/**
 * Where the source of an offline report is kept once its page has replaced it at `informes/`:
 * outside the public folder, so reprocessing renders from the source again instead of trusting a page.
 */
export const offlineReportSourceKey = (idEnvio: string): string => `informes-fuente/${idEnvio}.html`;
export const newsletterKey = (distributionId: string): string => `informesmw/${distributionId}.html`;

/** The link clients receive: always on CVT's domain, never Meltwater's. */
export function publicReportUrl(publicMediaBaseUrl: string, key: string): string {
  return `${trimTrailingSlashes(publicMediaBaseUrl)}/${key}`;
}
