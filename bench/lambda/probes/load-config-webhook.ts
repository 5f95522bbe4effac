import { loadConfig } from '../../../src/entrypoints/composition/load-config.ts';
import type { SettingName } from '../../../src/entrypoints/composition/config.schema.ts';

/** Probe: the settings check meltwater-webhook's start does (lambda-container.ts's EVERY_FUNCTION and its own). */
const SETTINGS: SettingName[] = [
  'LOG_LEVEL',
  'DATA_DIR',
  'DEFAULT_COUNTRY_CODE',
  'DELIVERY_RETENTION_DAYS',
  'DELIVERY_MAX_AGE_HOURS',
  'OPS_WEBHOOK_URL',
  'OPS_NOTIFY_AFTER_SECONDS',
  'OPS_FAILURE_THRESHOLD',
  'OPS_NOTIFY_RETRY_SECONDS',
  'MELTWATER_HOOK_SECRET',
  'WEBHOOK_RATE_LIMIT_PER_MINUTE',
  'WEBHOOK_MAX_MENTIONS',
  'WEBHOOK_MAX_DELIVERIES',
];

export async function handler(): Promise<unknown> {
  return loadConfig(process.env, { providers: false, settings: SETTINGS });
}
