import * as z from 'zod';
import { DELIVERY_STATUSES, RESENDABLE_STATUSES } from '../../domain/deliveries/delivery.ts';
import { JOBS } from '../../domain/deliveries/job.ts';

const objectId = z
  .string()
  .regex(/^[0-9a-fA-F]{24}$/u, 'must be 24 hexadecimal characters')
  .transform((id) => id.toLowerCase());
/** A client's id, or `unknown` for deliveries whose recipient belongs to no single client (issue 17 §3): null. */
const clientSelector = z
  .string()
  .regex(/^(?:[0-9a-fA-F]{24}|unknown)$/u, 'must be 24 hexadecimal characters, or unknown')
  .transform((id) => (id === 'unknown' ? null : id.toLowerCase()));
const limit = (fallback: number) => z.coerce.number().int().min(1).max(1_000).default(fallback);

/** `PUT /api/clients/:id` (docs/contracts/product.md §7): the client's name and its `usuarioclientes` `correo` values. */
export const clientUpdateSchema = z.object({
  name: z.string().trim().max(200).nullable().optional(),
  /** Sends this client's messages through another provider than the configured one; null goes back to it. */
  provider: z.string().trim().min(1).nullable().optional(),
  users: z.array(z.unknown()).max(10_000),
});

/** `GET /api/deliveries?clientId=&status=&job=&limit=` */
export const deliveriesQuerySchema = z.object({
  clientId: clientSelector.optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  job: z.enum(JOBS).optional(),
  limit: limit(50),
});

/** A delivery id as the ledger makes them (`deliveryIdOf`). */
export const deliveryIdSchema = z.string().regex(/^[0-9a-f]{32}$/u, 'must be a delivery id (32 hexadecimal characters)');

const isoTime = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

/**
 * `POST /api/deliveries/resend` (issue 10 §3): `{"ids": [...]}` or a filter, never both; a filter names at
 * least one field, so that an empty body cannot requeue everything by accident.
 */
export const resendSchema = z
  .strictObject({
    ids: z.array(deliveryIdSchema).min(1).max(10_000).optional(),
    status: z.enum(RESENDABLE_STATUSES).optional(),
    job: z.enum(JOBS).optional(),
    clientId: clientSelector.optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    dryRun: z.boolean().default(false),
  })
  .superRefine((body, context) => {
    const filtered = [body.status, body.job, body.clientId, body.since, body.until].some((value) => value !== undefined);
    if (body.ids !== undefined && filtered) context.addIssue({ code: 'custom', message: 'give either ids or a filter, not both' });
    if (body.ids === undefined && !filtered)
      context.addIssue({ code: 'custom', message: 'give ids, or a filter: status, job, clientId, since, until' });
  })
  .transform(({ dryRun, ids, ...filter }) => ({ dryRun, selector: ids === undefined ? filter : { ids } }));

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
