/**
 * Transforms the settings' schemas share with the start-path check (plain-setting-check.ts): the generated
 * checks recognise them by identity, so that what a setting becomes is written once.
 */
export function withoutTrailingSlashes(url: string): string {
  return url.replace(/\/+$/u, '');
}
