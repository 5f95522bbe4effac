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

function isTimeZone(zone: string): boolean {
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
