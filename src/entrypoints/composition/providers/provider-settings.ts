import * as z from 'zod';
import { PROVIDER_CATALOG, type ProviderId } from './provider-catalog.ts';
import { PROVIDER_RUNTIME } from './provider-runtime.ts';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `<PROVIDER>_MIN_INTERVAL_MS`, `_JITTER_MS`, `_TIMEOUT_MS`: the same knobs for every provider, with its own defaults. */
export function commonProviderSettings(id: ProviderId) {
  const prefix = id.toUpperCase();
  const defaults = PROVIDER_RUNTIME[id].pacing;
  return z.object({
    [`${prefix}_MIN_INTERVAL_MS`]: int(0, 600_000)
      .default(defaults.minIntervalMs)
      .describe(`Shortest time between two sends through ${id}.`),
    [`${prefix}_JITTER_MS`]: int(0, 600_000).default(defaults.jitterMs).describe(`Random extra wait before each send through ${id}.`),
    [`${prefix}_TIMEOUT_MS`]: int(500, 120_000).default(defaults.timeoutMs).describe(`Longest wait for ${id} to answer a call.`),
  });
}

/** A provider's own settings plus the common ones, as one schema. */
export function providerSettingsSchema(id: ProviderId) {
  return PROVIDER_CATALOG[id].settings.extend(commonProviderSettings(id).shape);
}
