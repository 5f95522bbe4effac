import * as z from 'zod';
import { baseUrlSetting, templatesSetting } from '../provider-support/settings.ts';

const TEMPLATES_EXAMPLE =
  '{"offline-alert": {"template": "alerta_noticia", "language": "es", "params": {"titulo": "titulo", "link": "link"}}, …}';
const printable = /^[\x21-\x7e]+$/u;
const secret = (what: string) => z.string().min(8, 'must be at least 8 characters').regex(printable, `must be ${what} without spaces`);

/**
 * Meta's WhatsApp Cloud API (docs/contracts/providers/cloudapi.md). CLOUDAPI_TEMPLATES has the shape of
 * the other template providers; parameters called "1", "2"… are positional, any other name is sent as
 * `parameter_name` (templates created with `parameter_format: "named"`).
 */
export const cloudapiConfigSchema = z.object({
  CLOUDAPI_BASE_URL: baseUrlSetting()
    .default('https://graph.facebook.com/v25.0')
    .describe('Graph API base URL with its version pinned (docs/contracts/providers/cloudapi.md §1.1).'),
  CLOUDAPI_ACCESS_TOKEN: secret('the system-user access token').describe(
    'System-user access token with whatsapp_business_messaging, sent as Authorization: Bearer.',
  ),
  CLOUDAPI_PHONE_NUMBER_ID: z
    .string()
    .regex(/^\d{5,30}$/u, "must be the number's id from the App Dashboard (digits), not the phone number")
    .describe("The sending number's id (WhatsApp > API Setup), not the number itself."),
  CLOUDAPI_APP_SECRET: secret('the App Secret').describe(
    'App Secret (App settings > Basic): checks the X-Hub-Signature-256 of every POST /webhooks/cloudapi.',
  ),
  CLOUDAPI_VERIFY_TOKEN: secret('printable ASCII').describe(
    'Verify token typed in the App Dashboard webhook settings; GET /webhooks/cloudapi answers the challenge only with it.',
  ),
  CLOUDAPI_TEMPLATES: templatesSetting({
    positional: false,
    example: TEMPLATES_EXAMPLE,
    notJson: `must be JSON: ${TEMPLATES_EXAMPLE}`,
    check: 'positional-or-named',
  }).describe('JSON: for each job, the approved template, its language and parameters ({"<name or position>": "<message variable>"}).'),
  CLOUDAPI_MESSAGES_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000)
    .default(80)
    .describe("The number's throughput (80 by default, 1000 after Meta's upgrade); sends are spaced to stay under it."),
  CLOUDAPI_PAIR_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(6_000)
    .describe("Shortest time between two messages to the same person: Meta's pair rate is about one every 6 s (131056)."),
});
export type CloudapiConfig = z.infer<typeof cloudapiConfigSchema>;
