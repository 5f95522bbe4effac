/**
 * Numbers and dates as an operator in Costa Rica reads them (es-CR, America/Costa_Rica). Costa Rica has
 * kept UTC-6 all year since 1992, which is what lets a typed date become a time range without a time-zone library.
 */
export const TIME_ZONE = 'America/Costa_Rica';
const OFFSET = '-06:00';

const numberFormat = new Intl.NumberFormat('es-CR');
const percentFormat = new Intl.NumberFormat('es-CR', { style: 'percent', maximumFractionDigits: 1 });
const dateTimeFormat = new Intl.DateTimeFormat('es-CR', { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'medium' });
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** `1 envío`, `3 envíos`: a count with its noun in the right number. */
export function formatCount(value: number, singular: string, plural: string): string {
  return `${formatNumber(value)} ${value === 1 ? singular : plural}`;
}

export function formatPercent(share: number | null): string {
  return share === null ? '—' : percentFormat.format(share);
}

export function formatDateTime(date: Date | null | undefined): string {
  return date === null || date === undefined ? '—' : dateTimeFormat.format(date);
}

/** The calendar day (YYYY-MM-DD) of an instant in Costa Rica. */
export function costaRicaDay(date: Date): string {
  return dayFormat.format(date);
}

/** The first instant of a Costa Rican calendar day (YYYY-MM-DD). */
export function startOfCostaRicaDay(day: string): Date {
  return new Date(`${day}T00:00:00${OFFSET}`);
}

/** The first instant after a Costa Rican calendar day. */
export function endOfCostaRicaDay(day: string): Date {
  return new Date(startOfCostaRicaDay(day).getTime() + 24 * 60 * 60 * 1_000);
}
