import * as z from 'zod';

/** `POST /api/queues/:queue/dead-letters/redrive`: every dead letter of the queue, or only those listed. */
export const redriveBodySchema = z
  .object({
    ids: z.array(z.string().trim().min(1).max(200)).min(1).max(1_000).optional(),
  })
  .strict()
  .optional()
  .transform((body) => body ?? {});

/** `GET /api/reports/runs?limit=` */
export const runsQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(20) });
