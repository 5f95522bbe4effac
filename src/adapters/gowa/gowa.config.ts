import * as z from 'zod';
import { setTogether, trimmed } from '../provider-support/setting-rules.ts';
import { baseUrlSetting } from '../provider-support/settings.ts';

const [usernameMissing, passwordMissing] = setTogether('GOWA_USERNAME', 'GOWA_PASSWORD');
const BOTH_OR_NEITHER = 'set GOWA_USERNAME and GOWA_PASSWORD together, or neither (a gateway without basic auth)';

const baseUrl = baseUrlSetting({ credentialsHint: 'must not carry credentials: set GOWA_USERNAME and GOWA_PASSWORD instead' });

/**
 * The self-hosted go-whatsapp-web-multidevice gateway (docs/contracts/providers/gowa.md). Basic auth is optional
 * because the gateway runs without it unless APP_BASIC_AUTH is set (docs/contracts/providers/gowa.md §3.1).
 */
export const gowaConfigSchema = z
  .object({
    GOWA_BASE_URL: baseUrl.describe("The gateway's URL, with its APP_BASE_PATH if it has one (https://host/gowa)."),
    GOWA_USERNAME: z
      .string()
      .min(1)
      .regex(/^[^:,]+$/u, 'must not contain ":" or ","')
      .optional()
      .describe("User of the gateway's basic auth (APP_BASIC_AUTH=user:password); set with GOWA_PASSWORD, or neither."),
    GOWA_PASSWORD: z
      .string()
      .min(1)
      // The gateway splits APP_BASIC_AUTH on "," and each pair on ":", so it can never accept such a password (docs/contracts/providers/gowa.md §3.1).
      .regex(/^[^:,]+$/u, 'must not contain ":" or "," (the gateway cannot be configured with one)')
      .optional()
      .describe("Password of the gateway's basic auth; set with GOWA_USERNAME, or neither."),
    GOWA_DEVICE_ID: z
      .string()
      .overwrite(trimmed)
      .min(1)
      .max(200)
      .optional()
      .describe('Device slot (or its JID) sent as X-Device-Id on every call; needed once the gateway (v8+) holds more than one device.'),
    GOWA_WEBHOOK_SECRET: z
      .string()
      .min(16, 'must be at least 16 characters (the gateway\u2019s default "secret" is public knowledge)')
      .optional()
      .describe(
        "The gateway's WHATSAPP_WEBHOOK_SECRET, checking X-Hub-Signature-256 on /webhooks/gowa; receipts are refused while it is unset.",
      ),
  })
  // The gateway runs without basic auth unless APP_BASIC_AUTH is set: both, or neither.
  .refine(usernameMissing, { path: ['GOWA_USERNAME'], message: BOTH_OR_NEITHER })
  .refine(passwordMissing, { path: ['GOWA_PASSWORD'], message: BOTH_OR_NEITHER });
export type GowaConfig = z.infer<typeof gowaConfigSchema>;
