import * as z from 'zod';
import { baseUrlSetting } from '../provider-support/settings.ts';

/** Where each OneSignal API lives; ONESIGNAL_BASE_URL overrides it. */
export const ONESIGNAL_DEFAULT_BASE_URLS = { current: 'https://api.onesignal.com', legacy: 'https://onesignal.com/api/v1' } as const;

export const oneSignalConfigSchema = z.object({
  ONESIGNAL_APP_ID: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu, 'must be the OneSignal app id (a UUID)')
    .optional()
    .describe(
      'OneSignal app of CVT\u2019s mobile app; push notifications for offline alerts are off unless it and ONESIGNAL_API_KEY are set.',
    ),
  ONESIGNAL_API_KEY: z
    .string()
    .min(1)
    .optional()
    .describe(
      'OneSignal App API key: sent as `Authorization: Key …` to the current API, or as `Authorization: Basic …` with ONESIGNAL_API=legacy.',
    ),
  ONESIGNAL_API: z
    .enum(['current', 'legacy'])
    .default('current')
    .describe(
      'Which OneSignal API pushes go through: `current` (api.onesignal.com, `include_subscription_ids`, `idempotency_key`) or `legacy` (onesignal.com/api/v1, `include_player_ids`, `external_id`) while the key is a legacy REST API key, which OneSignal is retiring.',
    ),
  ONESIGNAL_BASE_URL: baseUrlSetting()
    .optional()
    .describe(
      'OneSignal API base URL; `/notifications` is added. Default: https://api.onesignal.com, or https://onesignal.com/api/v1 with ONESIGNAL_API=legacy.',
    ),
});
export type OneSignalConfig = z.infer<typeof oneSignalConfigSchema>;
