import * as z from 'zod';
import type { DeliveryFilter } from '../../application/ports/delivery-ledger.port.ts';
import { DELIVERY_STATUSES } from '../../domain/deliveries/delivery.ts';
import { JOBS } from '../../domain/deliveries/job.ts';
import { endOfCostaRicaDay, startOfCostaRicaDay } from './format.ts';
import { openRecipient } from './sealed-recipient.ts';

export const PAGE_SIZE = 25;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u);
const empty = z.literal('').transform(() => undefined);

/** The Envíos filters as the page's form sends them (Spanish names; empty fields mean "any"). */
export const deliveryFiltersSchema = z.object({
  cliente: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{24}$/u)
    .transform((id) => id.toLowerCase())
    .or(empty)
    .optional(),
  trabajo: z.enum(JOBS).or(empty).optional(),
  estado: z
    .enum([...DELIVERY_STATUSES])
    .or(empty)
    .optional(),
  desde: day.or(empty).optional(),
  hasta: day.or(empty).optional(),
  /** A sealed number (see sealed-recipient.ts). */
  r: z.string().max(200).or(empty).optional(),
  pagina: z.coerce.number().int().min(1).max(100_000).default(1),
});

export type DeliveryFilters = z.infer<typeof deliveryFiltersSchema>;

export function ledgerFilter(filters: DeliveryFilters, recipient: string | undefined): DeliveryFilter {
  return {
    clientId: filters.cliente,
    job: filters.trabajo,
    status: filters.estado,
    recipient,
    createdFrom: filters.desde === undefined ? undefined : startOfCostaRicaDay(filters.desde),
    createdBefore: filters.hasta === undefined ? undefined : endOfCostaRicaDay(filters.hasta),
    offset: (filters.pagina - 1) * PAGE_SIZE,
    // One more than a page tells whether there is a next one.
    limit: PAGE_SIZE + 1,
  };
}

export function recipientOf(filters: DeliveryFilters): string | undefined {
  return filters.r === undefined ? undefined : openRecipient(filters.r);
}

/** The same filters as a query string, to keep them across pages and actions. */
export function filtersQuery(
  filters: DeliveryFilters,
  changes: Partial<Record<keyof DeliveryFilters, string | number | undefined>> = {},
): string {
  const merged: Record<string, string | number | undefined> = { ...filters, ...changes };
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(merged)) {
    if (value === undefined || value === '' || (name === 'pagina' && value === 1)) continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
