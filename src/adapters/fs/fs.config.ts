import * as z from 'zod';

export const fsReportStoreConfigSchema = z.object({
  REPORT_STORE: z.literal('fs'),
});
