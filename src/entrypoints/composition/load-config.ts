import type { z } from 'zod';
import type { MongodbConfig } from '../../adapters/mongodb/mongodb.config.ts';
import type { S3Config } from '../../adapters/s3/s3.config.ts';
import type { SqsConfig } from '../../adapters/sqs/sqs.config.ts';
import type { BaseConfig, SettingName } from './config.schema.ts';
import type { SettingsRule } from '../../adapters/provider-support/setting-rules.ts';
import { plainCheck, type PlainAnswer, type PlainSetting } from './plain-setting-check.ts';
import type { ProviderId, ProviderSettingsOf } from './providers/provider-catalog.ts';
import { PROVIDER_IDS } from './providers/provider-ids.ts';
import { isSecretSetting, hasUrlCredentials } from './secret-settings.ts';
import { SETTING_CHECKS_JSON } from './setting-checks.ts';
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
  const plain = plainChecks();
  const checked = settingsChecked(plain.names, options.settings, present);
  const unset = unsetSettings();
  const answers = new Map<SettingName, PlainAnswer>(plain.names.map((name) => [name, plainAnswer(plain, name, present[name], unset)]));
  // zod, and every setting's schema with it, only for a value the plain checks leave undecided (or wrong).
  const schemas = [...answers.values()].includes(undefined) ? await import('./config.schema.ts') : undefined;
  const settingOf = (name: SettingName): SettingAnswer => {
    const answer = answers.get(name);
    return answer === undefined ? schemas!.settingSchema(name).safeParse(present[name]) : { success: true, data: answer.value };
  };
  const parsed: Record<string, unknown> = {};
  const baseIssues: string[] = [];
  for (const name of checked) {
    const setting = settingOf(name);
    if (!setting.success) baseIssues.push(...issuesOf(setting.error, name));
    // As an object schema does: an optional setting left unset is absent, not undefined.
    else if (setting.data !== undefined) parsed[name] = setting.data;
  }
  if (baseIssues.length > 0) throw new ConfigError(baseIssues);
  const base = parsed as BaseConfig;

  const issues: string[] = [];
  // Settings read only when their technology is chosen, so that the embedded default needs none of them.
  const settingsOf: SettingsOf = async (family, schemaOf) => {
    const known = plainFamily(plain, family, present);
    if (known !== undefined) return known as never;
    const settings = (await schemaOf()).safeParse(present);
    if (settings.success) return settings.data;
    issues.push(...issuesOf(settings.error));
    return undefined;
  };
  const store = await storeChoice(base, settingsOf);
  const reportStore = await reportStoreChoice(base, settingsOf);
  const queue = await queueChoice(base, settingsOf);
  const providers: ProviderSettings = {};
  const inUse = options.providers === false ? [] : providersInUse(base);
  for (const id of inUse) {
    const known = plainSettingsOf(JSON.parse(plain.providers[id]) as PlainObject | null, present);
    if (known !== undefined) {
      (providers as Record<string, unknown>)[id] = known;
      continue;
    }
    // The catalog builds every provider's schema when imported: only for settings the plain checks leave undecided.
    const { providerSettingsSchema } = await import('./providers/provider-settings.ts');
    const settings = providerSettingsSchema(id).safeParse(present);
    if (settings.success) (providers as Record<string, unknown>)[id] = settings.data;
    else issues.push(...issuesOf(settings.error).map((issue) => `${issue} (needed by the ${id} provider)`));
  }
  if ((base.ONESIGNAL_APP_ID === undefined) !== (base.ONESIGNAL_API_KEY === undefined)) {
    issues.push('ONESIGNAL_APP_ID and ONESIGNAL_API_KEY: set both to send push notifications, or neither');
  }
  if (issues.length > 0 || store === undefined || reportStore === undefined || queue === undefined) throw new ConfigError(issues);
  const config = { ...base, ...store, ...reportStore, ...queue, providers };
  for (const name of plain.names) if (!checked.includes(name)) checkedOnFirstRead(config, name, () => settingOf(name));
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
function settingsChecked(
  every: readonly SettingName[],
  wanted: readonly SettingName[] | undefined,
  present: Readonly<Record<string, string>>,
): SettingName[] {
  if (wanted === undefined) return [...every];
  const names = new Set([...ALWAYS_CHECKED, ...wanted]);
  return every.filter((name) => names.has(name) || isSecretSetting(name) || hasUrlCredentials(present[name]));
}

type SettingAnswer = { success: true; data: unknown } | { success: false; error: z.ZodError };

/**
 * A setting this process did not say it reads: checked when something reads it, then kept. Not enumerable,
 * so that listing the configuration (the secrets for the logs) checks nothing more.
 */
function checkedOnFirstRead(config: object, name: SettingName, settingOf: () => SettingAnswer): void {
  Object.defineProperty(config, name, {
    configurable: true,
    enumerable: false,
    get() {
      const setting = settingOf();
      if (!setting.success) throw new ConfigError(issuesOf(setting.error, name));
      Object.defineProperty(config, name, { value: setting.data, configurable: false, enumerable: false, writable: false });
      return setting.data;
    },
  });
}

interface PlainChecks {
  /** Every setting of the service, in the schema's order. */
  readonly names: readonly SettingName[];
  readonly settings: Readonly<Partial<Record<SettingName, PlainSetting>>>;
  /**
   * Each technology's settings, when its object schema has no rule across them: JSON of a {@link PlainObject}
   * or null, parsed only for the technologies chosen.
   */
  readonly families: Readonly<Record<Family, string>>;
  /** Each provider's settings (its own and the common knobs), when its rules across them are ones known here: the same. */
  readonly providers: Readonly<Record<ProviderId, string>>;
}

interface PlainObject {
  readonly names: readonly string[];
  readonly settings: Readonly<Record<string, PlainSetting>>;
  readonly rules?: readonly SettingsRule[];
  /** What the settings without a plain check answer when unset (those whose schema refuses unset are not here). */
  readonly unset?: Readonly<Record<string, PlainSetting['unset']>>;
}

type Family = 'mongodb' | 's3' | 'sqs';

/** The checks generated from the schemas (setting-checks.ts); parsed anew each time, as the defaults are. */
function plainChecks(): PlainChecks {
  return JSON.parse(SETTING_CHECKS_JSON) as PlainChecks;
}

/** What a start knows of a setting without zod: unset, from the generated defaults; set, from its plain check. */
function plainAnswer(
  plain: PlainChecks,
  name: SettingName,
  value: string | undefined,
  unset: ReadonlyMap<SettingName, unknown>,
): PlainAnswer {
  if (value === undefined && unset.has(name)) return { value: unset.get(name) };
  const setting = plain.settings[name];
  return setting === undefined ? undefined : plainCheck(setting, value);
}

/** A technology's settings, when the plain checks decide every one of them (absent when unset and optional, as zod's object). */
function plainFamily(plain: PlainChecks, family: Family, present: Readonly<Record<string, string>>): object | undefined {
  return plainSettingsOf(JSON.parse(plain.families[family]) as PlainObject | null, present);
}

/** A setting only known unset: any value it is given is left to zod (an enum of no value decides none). */
function unsetOnly(unset: PlainSetting['unset'] | undefined): PlainSetting | undefined {
  return unset === undefined ? undefined : { check: { kind: 'enum', values: [] }, unset };
}

/** An object schema's answer when the plain checks decide every setting of it and its rules hold; else undefined. */
function plainSettingsOf(known: PlainObject | null, present: Readonly<Record<string, string>>): Record<string, unknown> | undefined {
  if (known === null) return undefined;
  const settings: Record<string, unknown> = {};
  for (const name of known.names) {
    const setting = known.settings[name] ?? unsetOnly(known.unset?.[name]);
    const answer = setting === undefined ? undefined : plainCheck(setting, present[name]);
    if (answer === undefined) return undefined;
    if (answer.value !== undefined) settings[name] = answer.value;
  }
  // Settings set together or not at all: either way round, zod words the error.
  for (const { together } of known.rules ?? [])
    if ((settings[together[0]] === undefined) !== (settings[together[1]] === undefined)) return undefined;
  return settings;
}

type SettingsOf = <T>(family: Family, schema: () => Promise<z.ZodType<T>>) => Promise<T | undefined>;

async function storeChoice(config: BaseConfig, settingsOf: SettingsOf): Promise<StoreChoice | undefined> {
  if (config.STORE === 'sqlite') return { STORE: 'sqlite' };
  const mongodb = await settingsOf('mongodb', async () => (await import('../../adapters/mongodb/mongodb.config.ts')).mongodbConfigSchema);
  return mongodb && { STORE: 'mongodb', mongodb };
}

async function reportStoreChoice(config: BaseConfig, settingsOf: SettingsOf): Promise<ReportStoreChoice | undefined> {
  if (config.REPORT_STORE === 'fs') return { REPORT_STORE: 'fs' };
  const s3 = await settingsOf('s3', async () => (await import('../../adapters/s3/s3.config.ts')).s3ConfigSchema);
  return s3 && { REPORT_STORE: 's3', s3 };
}

async function queueChoice(config: BaseConfig, settingsOf: SettingsOf): Promise<QueueChoice | undefined> {
  if (config.QUEUE === 'local') return { QUEUE: 'local' };
  const sqs = await settingsOf('sqs', async () => (await import('../../adapters/sqs/sqs.config.ts')).sqsConfigSchema);
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
