import * as z from 'zod';
import { parseJobTemplates, type JobTemplates } from '../../domain/messages/job-templates.ts';

const printable = /^[\x21-\x7e]+$/u;

/**
 * Botmaker API v2 (providers.md §4). Templates are triggered by name with a map of named variables, so
 * BOTMAKER_TEMPLATES maps Botmaker variable names (not positions) to message variables.
 */
export const botmakerConfigSchema = z.object({
  BOTMAKER_BASE_URL: z
    .url({ protocol: /^https?$/u })
    .transform((url) => url.replace(/\/+$/u, ''))
    .default('https://api.botmaker.com/v2.0')
    .describe('Botmaker API v2 base URL.'),
  BOTMAKER_ACCESS_TOKEN: z
    .string()
    .regex(printable, 'must be the API token (a JWT) without spaces')
    .describe('Botmaker API token (Settings > Integrations > Botmaker API), sent as the access-token header.'),
  BOTMAKER_CHANNEL_ID: z
    .string()
    .trim()
    .min(1)
    .describe('WhatsApp channel that sends the templates: its id from GET /channels (botproject-whatsapp-…) or the line number.'),
  BOTMAKER_WEBHOOK_TOKEN: z
    .string()
    .min(8, 'must be at least 8 characters')
    .regex(printable, 'must be printable ASCII without spaces')
    .optional()
    .describe(
      'Token of the Botmaker webhook, which Botmaker sends as auth-bm-token to /webhooks/botmaker; receipts are refused while unset.',
    ),
  BOTMAKER_TEMPLATES: z
    .string()
    .transform((text, context): JobTemplates => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        context.addIssue({
          code: 'custom',
          message: 'must be JSON: {"offline-alert": {"template": "alerta_noticia", "params": {"titulo": "titulo", "link": "link"}}, …}',
        });
        return z.NEVER;
      }
      const parsed = parseJobTemplates(json, { positional: false });
      if (!parsed.ok) {
        for (const problem of parsed.error) context.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      // trigger-intent has no media field: a template's header media is part of the template in Botmaker.
      for (const [job, template] of Object.entries(parsed.value)) {
        if (template.media !== undefined)
          context.addIssue({ code: 'custom', message: `${job}: Botmaker templates carry their own media; remove "media"` });
      }
      return parsed.value;
    })
    .describe('JSON: for each job, the Botmaker template (intent) name and its variables, {"<botmaker variable>": "<message variable>"}.'),
});
export type BotmakerConfig = z.infer<typeof botmakerConfigSchema>;
