import type { z } from 'zod';
import { mongodbConfigSchema, type MongodbConfig } from '../../adapters/mongodb/mongodb.config.ts';
import { s3ConfigSchema, type S3Config } from '../../adapters/s3/s3.config.ts';
import { sqsConfigSchema, type SqsConfig } from '../../adapters/sqs/sqs.config.ts';
import { configSchema, type BaseConfig } from './config.schema.ts';
import type { ProviderId, ProviderSettingsOf } from './providers/provider-catalog.ts';
import { PROVIDER_IDS } from './providers/provider-ids.ts';
import { providerSettingsSchema } from './providers/provider-settings.ts';

type ProviderSettings = { [Id in ProviderId]?: ProviderSettingsOf<Id> & Record<string, unknown> };

export interface AppConfig extends BaseConfig {
  /** The settings of every provider in use (the configured one, the fallback, those chosen per client). */
  readonly providers: ProviderSettings;
  /** Present when STORE=mongodb. */
  readonly mongodb?: MongodbConfig;
  /** Present when REPORT_STORE=s3. */
  readonly s3?: S3Config;
  /** Present when QUEUE=sqs. */
  readonly sqs?: SqsConfig;
}

export interface LoadOptions {
  /** Whether to read the providers' settings: a process that never sends (a receiving Lambda) does not need them. */
  readonly providers?: boolean;
}

/** Settings read only when the technology is chosen, so that the embedded default needs none of them. */
const CHOSEN_TECHNOLOGIES = [
  { key: 'mongodb', chosen: (config: BaseConfig) => config.STORE === 'mongodb', schema: mongodbConfigSchema },
  { key: 's3', chosen: (config: BaseConfig) => config.REPORT_STORE === 's3', schema: s3ConfigSchema },
  { key: 'sqs', chosen: (config: BaseConfig) => config.QUEUE === 'sqs', schema: sqsConfigSchema },
] as const;

export class ConfigError extends Error {
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(`invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** Whether the environment sets `name` (an empty value counts as unset, as in {@link loadConfig}). */
export function isSettingGiven(name: string, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return (env[name] ?? '').trim() !== '';
}

/**
 * The one place that reads the environment. Empty values count as unset (as `KEY=` in a .env file
 * means); a bad value throws a {@link ConfigError} naming the setting, never echoing its value. A
 * provider's settings are checked only when that provider is used, all of them at start.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, options: LoadOptions = {}): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) throw new ConfigError(issuesOf(parsed.error));
  const base = parsed.data;

  const issues: string[] = [];
  const chosen: Record<string, unknown> = {};
  for (const { key, chosen: isChosen, schema } of CHOSEN_TECHNOLOGIES) {
    if (!isChosen(base)) continue;
    const settings = schema.safeParse(present);
    if (settings.success) chosen[key] = settings.data;
    else issues.push(...issuesOf(settings.error));
  }
  const providers: ProviderSettings = {};
  for (const id of options.providers === false ? [] : providersInUse(base)) {
    const settings = providerSettingsSchema(id).safeParse(present);
    if (settings.success) (providers as Record<string, unknown>)[id] = settings.data;
    else issues.push(...issuesOf(settings.error).map((issue) => `${issue} (needed by the ${id} provider)`));
  }
  if ((base.ONESIGNAL_APP_ID === undefined) !== (base.ONESIGNAL_API_KEY === undefined)) {
    issues.push('ONESIGNAL_APP_ID and ONESIGNAL_API_KEY: set both to send push notifications, or neither');
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return { ...base, ...chosen, providers };
}

function providersInUse(config: BaseConfig): ProviderId[] {
  const ids = new Set<ProviderId>([config.WHATSAPP_PROVIDER, ...Object.values(config.WHATSAPP_CLIENT_PROVIDERS)]);
  if (config.WHATSAPP_FALLBACK_PROVIDER !== undefined) ids.add(config.WHATSAPP_FALLBACK_PROVIDER);
  return PROVIDER_IDS.filter((id) => ids.has(id));
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
