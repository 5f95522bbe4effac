import * as z from 'zod';

/** Read when REPORT_STORE=s3. Credentials come from the AWS default provider chain, never from here. */
export const s3ConfigSchema = z.object({
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/u, 'must be an S3 bucket name (3–63 lower-case letters, digits, dots, hyphens)')
    .default('ciris-controles-prod')
    .describe(
      'Bucket of the report pages (informes/, informesmw/, informes-fuente/); public reading is the bucket\u2019s or CDN\u2019s business.',
    ),
  S3_ENDPOINT: z
    .url({ protocol: /^https?$/u })
    .optional()
    .describe('Endpoint of an S3-compatible server (path-style addressing); unset for AWS S3.'),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/u, 'must be an AWS region such as us-east-1')
    .default('us-east-1')
    .describe('AWS region of the bucket and queues.'),
});
export type S3Config = z.infer<typeof s3ConfigSchema>;
