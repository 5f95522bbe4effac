import { loadConfig } from '../../../src/entrypoints/composition/load-config.ts';
import { EVERY_FUNCTION } from '../../../src/entrypoints/lambda/lambda-settings.ts';

/** Probe: the settings check meltwater-webhook's start does (every function's, and its own as meltwater-webhook.handler.ts lists them). */
export async function handler(): Promise<unknown> {
  return loadConfig(process.env, {
    providers: false,
    settings: [
      ...EVERY_FUNCTION,
      'MELTWATER_HOOK_SECRET',
      'WEBHOOK_RATE_LIMIT_PER_MINUTE',
      'WEBHOOK_MAX_MENTIONS',
      'WEBHOOK_MAX_DELIVERIES',
    ],
  });
}
