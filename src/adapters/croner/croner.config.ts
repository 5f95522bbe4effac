import { Cron } from 'croner';
import * as z from 'zod';

function isCronExpression(expression: string): boolean {
  if (expression === 'off') return true;
  try {
    new Cron(expression, { paused: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first `Intl.DateTimeFormat` of a process loads ICU's formatting data (about 12 ms), which only this
 * check would pay for in a Lambda function; the list of canonical zones is much cheaper. It leaves out
 * aliases (UTC, US/Eastern…), which the formatter still accepts, so they fall through to it.
 */
function isTimeZone(zone: string): boolean {
  if (Intl.supportedValuesOf('timeZone').includes(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const cronerScheduleConfigSchema = z.object({
  REPORT_SCHEDULE: z
    .string()
    .default('0 8,16 * * *')
    .refine(isCronExpression, 'must be a cron expression such as "0 8,16 * * *"')
    .describe('Cron expression of the newsletter runs; "off" disables the in-process schedule.'),
  REPORT_TIMEZONE: z
    .string()
    .default('America/Costa_Rica')
    .refine(isTimeZone, 'must be an IANA time zone such as America/Costa_Rica')
    .describe('Time zone of REPORT_SCHEDULE.'),
});
export type CronerScheduleConfig = z.infer<typeof cronerScheduleConfigSchema>;
