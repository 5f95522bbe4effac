import type { z } from 'zod';
import { mongodbConfigSchema, type MongodbConfig } from '../../adapters/mongodb/mongodb.config.ts';
import { s3ConfigSchema, type S3Config } from '../../adapters/s3/s3.config.ts';
import { sqsConfigSchema, type SqsConfig } from '../../adapters/sqs/sqs.config.ts';
import { SETTING_NAMES, settingSchema, type BaseConfig, type SettingName } from './config.schema.ts';
import type { ProviderId, ProviderSettingsOf } from './providers/provider-catalog.ts';
import { PROVIDER_IDS } from './providers/provider-ids.ts';
import { isSecretSetting, hasUrlCredentials } from './secret-settings.ts';
import { SETTING_DEFAULTS_JSON } from './setting-defaults.ts';

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
  /**
   * The settings this process reads, checked at start (every one when omitted). The choices of technology,
   * the secrets (which logs redact) and any setting given a URL with credentials are always checked too; any
   * other is checked when first read, failing then with the same one-line error, or never if never read.
   */
  readonly settings?: readonly SettingName[];
}

/** What decides which other settings apply, and the pair that must come together. */
const ALWAYS_CHECKED: readonly SettingName[] = [
  'STORE',
  'REPORT_STORE',
  'QUEUE',
  'WHATSAPP_PROVIDER',
  'WHATSAPP_FALLBACK_PROVIDER',
  'WHATSAPP_CLIENT_PROVIDERS',
  'ONESIGNAL_APP_ID',
  'ONESIGNAL_API_KEY',
];

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
export async function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: LoadOptions = {},
): Promise<AppConfig> {
  const present: Record<string, string> = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
  );
  const checked = settingsChecked(options.settings, present);
  const parsed: Record<string, unknown> = {};
  const baseIssues: string[] = [];
  const unset = unsetSettings();
  for (const name of checked) {
    const setting =
      present[name] === undefined && unset.has(name)
        ? { success: true as const, data: unset.get(name) }
        : settingSchema(name).safeParse(present[name]);
    if (!setting.success) baseIssues.push(...issuesOf(setting.error, name));
    // As an object schema does: an optional setting left unset is absent, not undefined.
    else if (setting.data !== undefined) parsed[name] = setting.data;
  }
  if (baseIssues.length > 0) throw new ConfigError(baseIssues);
  const base = parsed as BaseConfig;

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
  const inUse = options.providers === false ? [] : providersInUse(base);
  if (inUse.length > 0) {
    // The catalog builds every provider's schema when imported: only a process that sends reads it.
    const { providerSettingsSchema } = await import('./providers/provider-settings.ts');
    for (const id of inUse) {
      const settings = providerSettingsSchema(id).safeParse(present);
      if (settings.success) (providers as Record<string, unknown>)[id] = settings.data;
      else issues.push(...issuesOf(settings.error).map((issue) => `${issue} (needed by the ${id} provider)`));
    }
  }
  if ((base.ONESIGNAL_APP_ID === undefined) !== (base.ONESIGNAL_API_KEY === undefined)) {
    issues.push('ONESIGNAL_APP_ID and ONESIGNAL_API_KEY: set both to send push notifications, or neither');
  }
  if (issues.length > 0 || store === undefined || reportStore === undefined || queue === undefined) throw new ConfigError(issues);
  const config = { ...base, ...store, ...reportStore, ...queue, providers };
  for (const name of SETTING_NAMES) if (!checked.includes(name)) checkedOnFirstRead(config, name, present[name], unset);
  return config;
}

/**
 * What each setting left unset is, read from what the schemas answered when the docs were generated
 * (setting-defaults.ts): most settings are unset, and building their schemas would cost a cold start more
 * than the rest of it. Parsed anew each time, so that no caller shares a default it could change.
 */
function unsetSettings(): Map<SettingName, unknown> {
  const { defaults, unset } = JSON.parse(SETTING_DEFAULTS_JSON) as { defaults: Record<SettingName, unknown>; unset: SettingName[] };
  return new Map<SettingName, unknown>([...Object.entries(defaults), ...unset.map((name) => [name, undefined])] as [
    SettingName,
    unknown,
  ][]);
}

/** In the order of the schema, so that errors come in the order the settings are documented. */
function settingsChecked(wanted: readonly SettingName[] | undefined, present: Readonly<Record<string, string>>): SettingName[] {
  if (wanted === undefined) return SETTING_NAMES;
  const names = new Set([...ALWAYS_CHECKED, ...wanted]);
  return SETTING_NAMES.filter((name) => names.has(name) || isSecretSetting(name) || hasUrlCredentials(present[name]));
}

/**
 * A setting this process did not say it reads: checked when something reads it, then kept. Not enumerable,
 * so that listing the configuration (the secrets for the logs) checks nothing more.
 */
function checkedOnFirstRead(config: object, name: SettingName, value: string | undefined, unset: ReadonlyMap<SettingName, unknown>): void {
  Object.defineProperty(config, name, {
    configurable: true,
    enumerable: false,
    get() {
      if (value === undefined && unset.has(name)) {
        Object.defineProperty(config, name, { value: unset.get(name), configurable: false, enumerable: false, writable: false });
        return unset.get(name);
      }
      const setting = settingSchema(name).safeParse(value);
      if (!setting.success) throw new ConfigError(issuesOf(setting.error, name));
      Object.defineProperty(config, name, { value: setting.data, configurable: false, enumerable: false, writable: false });
      return setting.data;
    },
  });
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

function issuesOf(error: z.ZodError, setting?: SettingName): string[] {
  return error.issues.map(
    (issue) => `${[...(setting === undefined ? [] : [setting]), ...issue.path].join('.') || '(root)'}: ${issue.message}`,
  );
}
