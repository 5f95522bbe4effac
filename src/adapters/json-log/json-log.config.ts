import * as z from 'zod';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

export const jsonLogConfigSchema = z.object({
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info').describe('Least severe level written to standard output.'),
});
export type LogLevel = (typeof LOG_LEVELS)[number];
