import type { z } from 'zod';
import { configSchema, type BaseConfig } from './config.schema.ts';
import { PROVIDER_IDS, type ProviderId, type PROVIDERS } from './providers/provider-registry.ts';
import { providerSettingsSchema } from './providers/provider-settings.ts';

export type ProviderSettings = { [Id in ProviderId]?: z.infer<(typeof PROVIDERS)[Id]['settings']> & Record<string, unknown> };

export interface AppConfig extends BaseConfig {
  /** The settings of every provider in use (the configured one, the fallback, those chosen per client). */
  readonly providers: ProviderSettings;
}

export class ConfigError extends Error {
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(`invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * The one place that reads the environment. Empty values count as unset (as `KEY=` in a .env file
 * means); a bad value throws a {@link ConfigError} naming the setting, never echoing its value. A
 * provider's settings are checked only when that provider is used, all of them at start.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) throw new ConfigError(issuesOf(parsed.error));
  const base = parsed.data;

  const issues: string[] = [];
  const providers: ProviderSettings = {};
  for (const id of providersInUse(base)) {
    const settings = providerSettingsSchema(id).safeParse(present);
    if (settings.success) (providers as Record<string, unknown>)[id] = settings.data;
    else issues.push(...issuesOf(settings.error).map((issue) => `${issue} (needed by the ${id} provider)`));
  }
  if ((base.ONESIGNAL_APP_ID === undefined) !== (base.ONESIGNAL_API_KEY === undefined)) {
    issues.push('ONESIGNAL_APP_ID and ONESIGNAL_API_KEY: set both to send push notifications, or neither');
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return { ...base, providers };
}

function providersInUse(config: BaseConfig): ProviderId[] {
  const ids = new Set<ProviderId>([config.WHATSAPP_PROVIDER, ...Object.values(config.WHATSAPP_CLIENT_PROVIDERS)]);
  if (config.WHATSAPP_FALLBACK_PROVIDER !== undefined) ids.add(config.WHATSAPP_FALLBACK_PROVIDER);
  return PROVIDER_IDS.filter((id) => ids.has(id));
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
