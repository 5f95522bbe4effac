import * as z from 'zod';
import { DELIVERY_STATUSES } from '../../domain/deliveries/delivery.ts';
import { JOBS } from '../../domain/deliveries/job.ts';

const objectId = z
  .string()
  .regex(/^[0-9a-fA-F]{24}$/u, 'must be 24 hexadecimal characters')
  .transform((id) => id.toLowerCase());
const limit = (fallback: number) => z.coerce.number().int().min(1).max(1_000).default(fallback);

/** `PUT /api/clients/:id` (PRODUCT.md §7): the client's name and its `usuarioclientes` `correo` values. */
export const clientUpdateSchema = z.object({
  name: z.string().trim().max(200).nullable().optional(),
  /** Sends this client's messages through another provider than the configured one; null goes back to it. */
  provider: z.string().trim().min(1).nullable().optional(),
  users: z.array(z.unknown()).max(10_000),
});

/** `GET /api/deliveries?clientId=&status=&job=&limit=` */
export const deliveriesQuerySchema = z.object({
  clientId: objectId.optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  job: z.enum(JOBS).optional(),
  limit: limit(50),
});

export const limitQuerySchema = z.object({ limit: limit(50) });

/** `POST /api/reports/run`: every newsletter, or only the listed distributions. */
export const newsletterRunSchema = z
  .object({
    distributionIds: z
      .array(
        z
          .string()
          .regex(/^[0-9a-fA-F]{24}$/u, 'must be 24 hexadecimal characters (a Meltwater distribution id)')
          .transform((id) => id.toLowerCase()),
      )
      .max(1_000)
      .optional(),
  })
  .optional()
  .transform((body) => body ?? {});
