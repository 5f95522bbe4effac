import * as z from 'zod';
import { PROVIDER_CATALOG, type ProviderId } from './provider-catalog.ts';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `<PROVIDER>_MIN_INTERVAL_MS`, `_JITTER_MS`, `_TIMEOUT_MS`: the same knobs for every provider, with its own defaults. */
export function commonProviderSettings(id: ProviderId) {
  const prefix = id.toUpperCase();
  const defaults = PROVIDER_CATALOG[id].pacing;
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

export interface Pacing {
  readonly minIntervalMs: number;
  readonly jitterMs: number;
  readonly timeoutMs: number;
  /** The provider's own shortest time between two messages to one person; WHATSAPP_RECIPIENT_SPACING_MS may ask for more. */
  readonly recipientSpacingMs: number;
}

export function pacingOf(id: ProviderId, settings: Readonly<Record<string, unknown>>): Pacing {
  const prefix = id.toUpperCase();
  const own = PROVIDER_CATALOG[id].paceOf?.(settings);
  return {
    minIntervalMs: Math.max(knob(settings, `${prefix}_MIN_INTERVAL_MS`), own?.minIntervalMs ?? 0),
    jitterMs: knob(settings, `${prefix}_JITTER_MS`),
    timeoutMs: knob(settings, `${prefix}_TIMEOUT_MS`),
    recipientSpacingMs: own?.recipientSpacingMs ?? 0,
  };
}

/** One of the common knobs, which {@link providerSettingsSchema} always gives a number (its default at least). */
function knob(settings: Readonly<Record<string, unknown>>, name: string): number {
  const value = settings[name];
  if (typeof value !== 'number') throw new Error(`${name} was not validated by providerSettingsSchema`);
  return value;
}
