import { z } from 'zod';

export const outboxConfigSchema = z.object({
  WHATSAPP_PROVIDER: z.literal('outbox'),
});
export type OutboxConfig = z.infer<typeof outboxConfigSchema>;
