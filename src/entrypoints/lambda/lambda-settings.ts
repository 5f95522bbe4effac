import type { SettingName } from '../composition/config.schema.ts';

// The settings groups the functions check at start (lambda-container.ts), in a module of their own so that a
// bench probe (bench/lambda/probes/load-config-webhook.ts) checks the same ones without building a container.

/** What every function reads: its log, the store, the ledger's rules, operators' notices. */
export const EVERY_FUNCTION: readonly SettingName[] = [
  'LOG_LEVEL',
  'DATA_DIR',
  'DEFAULT_COUNTRY_CODE',
  'DELIVERY_RETENTION_DAYS',
  'DELIVERY_MAX_AGE_HOURS',
  'OPS_WEBHOOK_URL',
  'OPS_NOTIFY_AFTER_SECONDS',
  'OPS_FAILURE_THRESHOLD',
  'OPS_NOTIFY_RETRY_SECONDS',
];

/** What a function that sends reads besides: the dispatcher's rules, pacing, retries and the circuit breaker. */
export const SENDING_SETTINGS: readonly SettingName[] = [
  'DISPATCH_MAX_ATTEMPTS',
  'DISPATCH_RETRY_BASE_MS',
  'DISPATCH_RETRY_MAX_MS',
  'DISPATCH_LEASE_MS',
  'DISPATCH_PROBE_MAX_MS',
  'WHATSAPP_RECIPIENT_SPACING_MS',
  'WHATSAPP_RETRY_ATTEMPTS',
  'WHATSAPP_BREAKER_FAILURES',
  'WHATSAPP_BREAKER_HALF_OPEN_MS',
];

/** What a function that renders report pages reads: the render limits, and the pages' links and images. */
export const RENDERING_SETTINGS: readonly SettingName[] = [
  'PUBLIC_MEDIA_BASE_URL',
  'REPORT_HEADER_IMAGE_URL',
  'REPORT_FOOTER_IMAGE_URL',
  'REPORT_PREVIEW_IMAGE_URL',
  'RENDER_THREADS',
  'RENDER_TIMEOUT_MS',
  'RENDER_MEMORY_MB',
  'HTML_MAX_BYTES',
  'HTML_MAX_DEPTH',
];
