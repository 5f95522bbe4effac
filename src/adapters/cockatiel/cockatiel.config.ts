import * as z from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const resilienceConfigSchema = z.object({
  WHATSAPP_RETRY_ATTEMPTS: int(1, 5)
    .default(2)
    .describe('Quick in-process tries of a send that failed for a passing reason, before the durable retry takes over.'),
  WHATSAPP_BREAKER_FAILURES: int(1, 100)
    .default(5)
    .describe('Failures in a row that open a provider\u2019s circuit: it is left alone for a while.'),
  WHATSAPP_BREAKER_HALF_OPEN_MS: int(1_000, 3_600_000)
    .default(30_000)
    .describe('How long an open circuit waits before trying the provider again.'),
});
export type ResilienceConfig = z.infer<typeof resilienceConfigSchema>;
