import * as z from 'zod';

const DEFAULT_NEWSLETTER_URL = 'https://app.meltwater.com/api/public/newsletters/{accountId}/newsletter/distribution/{distributionId}/html';

export const meltwaterNewsletterConfigSchema = z.object({
  MELTWATER_ACCOUNT_ID: z
    .string()
    .regex(/^[A-Za-z0-9]+$/u)
    .default('552e72ccbd555c1e62082adc')
    .describe("CVT's Meltwater company id, part of every newsletter URL."),
  MELTWATER_NEWSLETTER_URL: z
    .url({ protocol: /^https?$/u })
    .refine((url) => url.includes('{distributionId}'), 'must contain {distributionId}')
    .default(DEFAULT_NEWSLETTER_URL)
    .describe('Template of the published newsletter URL; {accountId} and {distributionId} are replaced. Downloads never leave its host.'),
  NEWSLETTER_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(120_000)
    .default(20_000)
    .describe('Longest a newsletter download may take.'),
  NEWSLETTER_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(10_000)
    .max(50_000_000)
    .default(5_000_000)
    .describe('Largest newsletter accepted, in bytes.'),
});
export type MeltwaterNewsletterConfig = z.infer<typeof meltwaterNewsletterConfigSchema>;
