import { SETTING_NAMES } from '../../../src/entrypoints/composition/config.schema.ts';

/** Probe: importing the settings' schema module (the adapters' `*.config.ts` build their schemas when imported). */
export async function handler(): Promise<unknown> {
  return SETTING_NAMES;
}
