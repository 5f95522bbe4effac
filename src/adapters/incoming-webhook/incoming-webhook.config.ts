import * as z from 'zod';

export const incomingWebhookConfigSchema = z.object({
  OPS_WEBHOOK_URL: z
    .url({ protocol: /^https?$/u })
    .optional()
    .describe(
      'Incoming-webhook URL of the operators\u2019 chat (Slack, Google Chat, Mattermost): notices are POSTed as {"text": "…"}. A secret (never logged).',
    ),
});
