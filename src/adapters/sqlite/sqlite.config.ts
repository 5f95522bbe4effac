import * as z from 'zod';

export const sqliteConfigSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data').describe('Folder of the embedded database and report files; created when missing.'),
});
