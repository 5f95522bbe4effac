/**
 * Transforms the settings' schemas share with the start-path check (plain-setting-check.ts): the generated
 * checks recognise them by identity, so that what a setting becomes is written once. The providers' base
 * URLs use the same one (their settings are checked at start the same way).
 */
export { withoutTrailingSlashes } from '../../adapters/provider-support/setting-rules.ts';
