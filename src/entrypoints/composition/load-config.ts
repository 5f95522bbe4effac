import type { z } from 'zod';
import { mongodbConfigSchema, type MongodbConfig } from '../../adapters/mongodb/mongodb.config.ts';
import { s3ConfigSchema, type S3Config } from '../../adapters/s3/s3.config.ts';
import { sqsConfigSchema, type SqsConfig } from '../../adapters/sqs/sqs.config.ts';
import { configSchema, type BaseConfig } from './config.schema.ts';
import type { ProviderId, ProviderSettingsOf } from './providers/provider-catalog.ts';
import { PROVIDER_IDS } from './providers/provider-ids.ts';
import { providerSettingsSchema } from './providers/provider-settings.ts';

type ProviderSettings = { [Id in ProviderId]?: ProviderSettingsOf<Id> & Record<string, unknown> };

/**
 * Each choice of technology carries its own settings, and only that choice: `STORE: 'mongodb'` without
 * `mongodb`, or `s3` beside `REPORT_STORE: 'fs'`, does not type-check, so no module needs to assert them.
 */
type StoreChoice = { readonly STORE: 'sqlite'; readonly mongodb?: never } | { readonly STORE: 'mongodb'; readonly mongodb: MongodbConfig };
type ReportStoreChoice = { readonly REPORT_STORE: 'fs'; readonly s3?: never } | { readonly REPORT_STORE: 's3'; readonly s3: S3Config };
type QueueChoice = { readonly QUEUE: 'local'; readonly sqs?: never } | { readonly QUEUE: 'sqs'; readonly sqs: SqsConfig };

export type AppConfig = Omit<BaseConfig, 'STORE' | 'REPORT_STORE' | 'QUEUE'> &
  StoreChoice &
  ReportStoreChoice &
  QueueChoice & {
    /** The settings of every provider in use (the configured one, the fallback, those chosen per client). */
    readonly providers: ProviderSettings;
  };

export interface LoadOptions {
  /** Whether to read the providers' settings: a process that never sends (a receiving Lambda) does not need them. */
  readonly providers?: boolean;
}

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
  // Settings read only when their technology is chosen, so that the embedded default needs none of them.
  const settingsOf = <T>(schema: z.ZodType<T>): T | undefined => {
    const settings = schema.safeParse(present);
    if (settings.success) return settings.data;
    issues.push(...issuesOf(settings.error));
    return undefined;
  };
  const store = storeChoice(base, settingsOf);
  const reportStore = reportStoreChoice(base, settingsOf);
  const queue = queueChoice(base, settingsOf);
  const providers: ProviderSettings = {};
  for (const id of options.providers === false ? [] : providersInUse(base)) {
    const settings = providerSettingsSchema(id).safeParse(present);
    if (settings.success) (providers as Record<string, unknown>)[id] = settings.data;
    else issues.push(...issuesOf(settings.error).map((issue) => `${issue} (needed by the ${id} provider)`));
  }
  if ((base.ONESIGNAL_APP_ID === undefined) !== (base.ONESIGNAL_API_KEY === undefined)) {
    issues.push('ONESIGNAL_APP_ID and ONESIGNAL_API_KEY: set both to send push notifications, or neither');
  }
  if (issues.length > 0 || store === undefined || reportStore === undefined || queue === undefined) throw new ConfigError(issues);
  return { ...base, ...store, ...reportStore, ...queue, providers };
}

type SettingsOf = <T>(schema: z.ZodType<T>) => T | undefined;

function storeChoice(config: BaseConfig, settingsOf: SettingsOf): StoreChoice | undefined {
  if (config.STORE === 'sqlite') return { STORE: 'sqlite' };
  const mongodb = settingsOf(mongodbConfigSchema);
  return mongodb && { STORE: 'mongodb', mongodb };
}

function reportStoreChoice(config: BaseConfig, settingsOf: SettingsOf): ReportStoreChoice | undefined {
  if (config.REPORT_STORE === 'fs') return { REPORT_STORE: 'fs' };
  const s3 = settingsOf(s3ConfigSchema);
  return s3 && { REPORT_STORE: 's3', s3 };
}

function queueChoice(config: BaseConfig, settingsOf: SettingsOf): QueueChoice | undefined {
  if (config.QUEUE === 'local') return { QUEUE: 'local' };
  const sqs = settingsOf(sqsConfigSchema);
  return sqs && { QUEUE: 'sqs', sqs };
}

function providersInUse(config: BaseConfig): ProviderId[] {
  const ids = new Set<ProviderId>([config.WHATSAPP_PROVIDER, ...Object.values(config.WHATSAPP_CLIENT_PROVIDERS)]);
  if (config.WHATSAPP_FALLBACK_PROVIDER !== undefined) ids.add(config.WHATSAPP_FALLBACK_PROVIDER);
  return PROVIDER_IDS.filter((id) => ids.has(id));
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
