import * as z from 'zod';
import { trimmed } from '../provider-support/setting-rules.ts';
import { baseUrlSetting, templatesSetting, tokenSetting } from '../provider-support/settings.ts';

/**
 * Botmaker API v2 (docs/contracts/providers/botmaker.md). Templates are triggered by name with a map of named variables, so
 * BOTMAKER_TEMPLATES maps Botmaker variable names (not positions) to message variables.
 */
export const botmakerConfigSchema = z.object({
  BOTMAKER_BASE_URL: baseUrlSetting().default('https://api.botmaker.com/v2.0').describe('Botmaker API v2 base URL.'),
  BOTMAKER_ACCESS_TOKEN: tokenSetting({ invalid: 'must be the API token (a JWT) without spaces' }).describe(
    'Botmaker API token (Settings > Integrations > Botmaker API), sent as the access-token header.',
  ),
  BOTMAKER_CHANNEL_ID: z
    .string()
    .overwrite(trimmed)
    .min(1)
    .describe('WhatsApp channel that sends the templates: its id from GET /channels (botproject-whatsapp-…) or the line number.'),
  BOTMAKER_WEBHOOK_TOKEN: z
    .string()
    .min(8, 'must be at least 8 characters')
    .regex(/^[\x21-\x7e]+$/u, 'must be printable ASCII without spaces')
    .optional()
    .describe(
      'Token of the Botmaker webhook, which Botmaker sends as auth-bm-token to /webhooks/botmaker; receipts are refused while unset.',
    ),
  BOTMAKER_TEMPLATES: templatesSetting({
    positional: false,
    example: '{"offline-alert": {"template": "alerta_noticia", "params": {"titulo": "titulo", "link": "link"}}, …}',
    // trigger-intent has no media field: a template's header media is part of the template in Botmaker.
    check: 'botmaker-without-media',
  }).describe('JSON: for each job, the Botmaker template (intent) name and its variables, {"<botmaker variable>": "<message variable>"}.'),
});
export type BotmakerConfig = z.infer<typeof botmakerConfigSchema>;
