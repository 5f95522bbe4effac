import * as z from 'zod';

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
    .describe('OneSignal REST API key (sent as Authorization: Basic, the legacy API CVT\u2019s player ids belong to).'),
  ONESIGNAL_BASE_URL: z
    .url({ protocol: /^https?$/u })
    .transform((url) => url.replace(/\/+$/u, ''))
    .default('https://onesignal.com/api/v1')
    .describe('OneSignal API base URL.'),
});
export type OneSignalConfig = z.infer<typeof oneSignalConfigSchema>;
