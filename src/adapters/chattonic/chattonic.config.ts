import * as z from 'zod';
import { baseUrlSetting, templatesSetting, tokenSetting } from '../provider-support/settings.ts';

/** The WhatsApp platforms Chat-Tonic relays to (docs/contracts/providers/chattonic.md, "Envío de una campaña de HSMs"). */
const CHATTONIC_PLATFORMS = ['whatsapp-clickatell', 'whatsapp-infobip', 'whatsapp-movile', 'whatsapp-twilio', 'whatsapp-gupshup'] as const;
const EXAMPLE =
  '{"offline-alert": {"template": "alerta_noticia", "language": "es", "params": {"1": "titulo", "2": "link"}}, …} with one entry per job';
const pathSegment = (what: string) =>
  z.string({ error: `must be set: ${what}` }).regex(/^[A-Za-z0-9._~-]+$/u, `must be ${what} (letters, digits, . _ ~ -)`);

export const chattonicConfigSchema = z.object({
  CHATTONIC_BASE_URL: baseUrlSetting()
    .default('https://chat-tonic.com/api/v1')
    .describe("Chat-Tonic's API, up to /api/v1 (docs/contracts/providers/chattonic.md's curl)."),
  CHATTONIC_TOKEN: tokenSetting({ missing: 'must be set: the appToken Chat-Tonic gives, sent as a Bearer token' }).describe(
    'appToken, sent as Authorization: Bearer.',
  ),
  CHATTONIC_APP_CODENAME: pathSegment('the app codename Chat-Tonic gives').describe(
    'App codename given by Chat-Tonic (first path segment).',
  ),
  CHATTONIC_PLATFORM: z
    .enum(CHATTONIC_PLATFORMS, { error: `must be one of ${CHATTONIC_PLATFORMS.join(', ')}` })
    .describe(`WhatsApp platform behind the account: ${CHATTONIC_PLATFORMS.join(', ')} (gupshup also asserts the users' consent).`),
  CHATTONIC_ACCOUNT_ID: pathSegment('the account id Chat-Tonic gives').describe('WhatsApp account id given by Chat-Tonic.'),
  CHATTONIC_NAMESPACE: tokenSetting()
    .optional()
    .describe("Template namespace (Wavy/Movile gives one; blank for other platforms); a template's own namespace wins."),
  // hsm.parameters is an array filled into {{1}}, {{2}}… in order (docs/contracts/providers/chattonic.md): positions, no names.
  CHATTONIC_TEMPLATES: templatesSetting({ positional: true, example: EXAMPLE, missing: `must be set: JSON such as ${EXAMPLE}` }).describe(
    'JSON: per job, the HSM elementName, its language, optional namespace, and positional params ("1", "2"…) → message variables.',
  ),
  CHATTONIC_CAMPAIGN_MIN: z.coerce
    .number()
    .int()
    .min(2)
    .max(1_000_000)
    .default(5)
    .describe('From how many recipients of one event a campaign upload is used instead of one call each.'),
});
export type ChattonicConfig = z.infer<typeof chattonicConfigSchema>;
