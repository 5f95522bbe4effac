import * as z from 'zod';
import { handler as classicSettings } from './zod-classic-settings.ts';

/** Probe: the same checks as zod-classic-settings.ts, with zod's object parsers compiled without `new Function`. */
export async function handler(): Promise<unknown> {
  z.config({ jitless: true });
  return classicSettings();
}
