import { z } from 'zod';

export const oneSignalConfigSchema = z.object({
  ONESIGNAL_APP_ID: z.string().min(1).optional().describe('OneSignal app of CVT\u2019s mobile app; push notifications for offline alerts are off unless it and ONESIGNAL_API_KEY are set.'),
  ONESIGNAL_API_KEY: z.string().min(1).optional().describe('OneSignal REST API key.'),
  ONESIGNAL_BASE_URL: z
    .url({ protocol: /^https?$/u })
    .transform((url) => url.replace(/\/+$/u, ''))
    .default('https://onesignal.com/api/v1')
    .describe('OneSignal API base URL.'),
});
export type OneSignalConfig = z.infer<typeof oneSignalConfigSchema>;
