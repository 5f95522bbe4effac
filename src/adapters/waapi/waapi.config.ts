import * as z from 'zod';
import { baseUrlSetting } from '../provider-support/settings.ts';

const baseUrl = baseUrlSetting({ credentialsHint: 'must not carry credentials: set WAAPI_TOKEN instead' });

/** Waapi (waapi.app): one WhatsApp Web session per instance (docs/contracts/providers/waapi.md). */
export const waapiConfigSchema = z.object({
  WAAPI_BASE_URL: baseUrl.default('https://waapi.app/api/v1').describe('Waapi API base URL.'),
  WAAPI_TOKEN: z
    .string()
    .min(1)
    .regex(/^[\x21-\x7e]+$/u, 'must be printable ASCII without spaces')
    .describe('Waapi API token (waapi.app/user/api-tokens), sent as a Bearer token; it needs every scope.'),
  WAAPI_INSTANCE_ID: z
    .string()
    .regex(/^\d{1,19}$/u, 'must be the numeric id of the Waapi instance')
    .describe('The Waapi instance (WhatsApp Web session) that sends the messages.'),
  WAAPI_WEBHOOK_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9._~-]{16,128}$/u, 'must be 16 to 128 letters, digits or . _ ~ - (it travels in a URL)')
    .optional()
    .describe('Secret that Waapi must send as ?token= on /webhooks/waapi (Waapi signs nothing); receipts are refused while it is unset.'),
});
export type WaapiConfig = z.infer<typeof waapiConfigSchema>;
