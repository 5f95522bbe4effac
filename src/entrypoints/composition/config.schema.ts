import * as z from 'zod';
import { cronerScheduleConfigSchema } from '../../adapters/croner/croner.config.ts';
import { incomingWebhookConfigSchema } from '../../adapters/incoming-webhook/incoming-webhook.config.ts';
import { jsonLogConfigSchema } from '../../adapters/json-log/json-log.config.ts';
import { meltwaterNewsletterConfigSchema } from '../../adapters/meltwater/meltwater.config.ts';
import { oneSignalConfigSchema } from '../../adapters/onesignal/onesignal.config.ts';
import { sqliteConfigSchema } from '../../adapters/sqlite/sqlite.config.ts';
import { renderConfigSchema } from '../../adapters/worker-threads/worker-threads.config.ts';
import { parsePhoneNumber, PHONE_REJECTION_REASONS } from '../../domain/phone/phone-number.ts';
import { DEFAULT_MAX_AGE_HOURS, type MaxAgeHours } from '../../domain/deliveries/freshness.ts';
import { JOBS } from '../../domain/deliveries/job.ts';
import { DEFAULT_OPT_IN_WORDS, DEFAULT_OPT_OUT_WORDS } from '../../domain/opt-out/opt-out-words.ts';
import { PROVIDER_IDS } from './providers/provider-ids.ts';
import { withoutTrailingSlashes } from './setting-transforms.ts';

const httpUrl = () => z.url({ protocol: /^https?$/u }).transform(withoutTrailingSlashes);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** A comma-separated list of words; each matched whole, ignoring case, accents and spaces. */
const words = (defaults: readonly string[]) =>
  z
    .string()
    .default(defaults.join(','))
    .transform((text) =>
      text
        .split(',')
        .map((word) => word.trim())
        .filter((word) => word !== ''),
    )
    .refine((list) => list.length > 0, 'must name at least one word');
const token = () =>
  z
    .string()
    .min(16, 'must be at least 16 characters')
    .regex(/^[\x21-\x7e]+$/u, 'must be printable ASCII without spaces');

/** Every setting of the service, each as how to build its schema. */
const SERVICE_SETTINGS = {
  PORT: () => int(0, 65_535).default(3000).describe('HTTP port of the server (0 picks a free one).'),
  HOST: () => z.string().min(1).default('127.0.0.1').describe('Interface the server listens on; 0.0.0.0 in a container.'),
  STORE: () =>
    z
      .enum(['sqlite', 'mongodb'])
      .default('sqlite')
      .describe("Where clients and deliveries live: sqlite (embedded, in DATA_DIR) or mongodb (CVT's usuarioclientes)."),
  REPORT_STORE: () =>
    z.enum(['fs', 's3']).default('fs').describe('Where report pages are stored: fs (DATA_DIR/reports) or s3 (S3_BUCKET).'),
  QUEUE: () =>
    z
      .enum(['local', 'sqs'])
      .default('local')
      .describe("CVT's inbound queues (and, with SQS_DISPATCH_URL, the dispatch queue): local (embedded database) or sqs."),
  WHATSAPP_PROVIDER: () =>
    z
      .enum(PROVIDER_IDS)
      .default('outbox')
      .describe(`Who sends WhatsApp messages: ${PROVIDER_IDS.join(', ')} (outbox records them locally).`),
  WHATSAPP_FALLBACK_PROVIDER: () => z.enum(PROVIDER_IDS).optional().describe('Sends what the provider cannot while it is unavailable.'),
  WHATSAPP_CLIENT_PROVIDERS: () =>
    z
      .string()
      .optional()
      .transform((text, context) => parseClientProviders(text, context))
      .describe('JSON map of client id to provider id, for clients whose messages go through another provider.'),
  WHATSAPP_RECIPIENT_SPACING_MS: () => int(0, 3_600_000).default(2_000).describe('Shortest time between two messages to the same person.'),
  PUBLIC_MEDIA_BASE_URL: () => httpUrl().default('https://media.controles.co.cr').describe('Base of the report links sent to clients.'),
  APP_BASE_URL: () =>
    httpUrl()
      .default('https://app.controles.co.cr')
      .describe("Base of CVT's app; offline alerts link to {APP_BASE_URL}/?shared=1&id={nota}."),
  DEFAULT_COUNTRY_CODE: () =>
    z
      .string()
      .regex(/^[1-9]\d{0,2}$/u)
      .default('506')
      .describe('Country code of numbers written without one.'),
  OPT_OUT_WORDS: () =>
    words(DEFAULT_OPT_OUT_WORDS).describe(
      'Comma-separated words that, sent alone by a contact, stop every message to them (case, accents and spaces ignored).',
    ),
  OPT_IN_WORDS: () => words(DEFAULT_OPT_IN_WORDS).describe('Comma-separated words that take a contact off the suppression list again.'),
  ADMIN_TOKEN: () => token().optional().describe('Bearer token of the admin API; generated into DATA_DIR/secrets.json when unset.'),
  CONSOLE_SESSION_HOURS: () =>
    z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(12)
      .describe('How long an operator stays logged in to the console at /admin (hours; fractions allowed).'),
  BACKGROUND_WORK: () =>
    z
      .enum(['on', 'off'])
      .default('on')
      .describe(
        'off: the server only answers HTTP (API, console, report pages) and sends nothing by itself; for running the console beside a Lambda deployment.',
      ),
  MELTWATER_WEBHOOK_TOKEN: () =>
    token().optional().describe('Shared secret Meltwater sends as ?token= or x-webhook-token; generated when unset.'),
  MELTWATER_HOOK_SECRET: () => z.string().min(16).max(64).optional().describe('Data Streams hook secret; enables X-Hub-Signature checks.'),
  WEBHOOK_RATE_LIMIT_PER_MINUTE: () =>
    int(0, 1_000_000)
      .default(300)
      .describe(
        'Meltwater webhook calls accepted per client per minute (bursts up to the same number); more are answered 429. 0: no limit.',
      ),
  REPORT_HEADER_IMAGE_URL: () =>
    httpUrl()
      .optional()
      .describe(
        'Header image of offline report pages (default {PUBLIC_MEDIA_BASE_URL}/assets/cvt-header.png, shipped in assets/ and served by the server).',
      ),
  REPORT_FOOTER_IMAGE_URL: () =>
    httpUrl()
      .optional()
      .describe(
        'Footer image of offline report pages (default {PUBLIC_MEDIA_BASE_URL}/assets/cvt-footer.png, shipped in assets/ and served by the server).',
      ),
  REPORT_PREVIEW_IMAGE_URL: () =>
    httpUrl()
      .optional()
      .describe(
        'og:image (link preview card) of newsletter and offline report pages (default: REPORT_HEADER_IMAGE_URL when set, else {PUBLIC_MEDIA_BASE_URL}/assets/cvt-preview.png).',
      ),
  DELIVERY_RETENTION_DAYS: () => int(30, 3650).default(30).describe('Days a sent delivery is remembered, so a repeat is never sent again.'),
  DISPATCH_CONCURRENCY: () => int(1, 64).default(4).describe('Deliveries sent at the same time.'),
  DISPATCH_MAX_ATTEMPTS: () =>
    int(1, 50).default(8).describe('Sends tried before a delivery is marked failed; rate limits and provider outages spend none.'),
  DISPATCH_RETRY_BASE_MS: () => int(10, 3_600_000).default(5_000).describe('First retry delay; doubles each attempt, with jitter.'),
  DISPATCH_RETRY_MAX_MS: () => int(10, 86_400_000).default(900_000).describe('Longest retry delay.'),
  DISPATCH_LEASE_MS: () =>
    int(1_000, 3_600_000).default(120_000).describe('How long a sender holds a delivery before another may retry it.'),
  DISPATCH_PROBE_MAX_MS: () =>
    int(100, 3_600_000)
      .default(300_000)
      .describe(
        'Longest wait between two looks at a provider that is down (its deliveries wait without spending attempts); the first wait is DISPATCH_RETRY_BASE_MS, doubling.',
      ),
  DELIVERY_MAX_AGE_HOURS: () =>
    z
      .string()
      .optional()
      .transform((text, context) => parseMaxAge(text, context))
      .describe(
        `JSON map of job to hours a delivery may wait before it expires unsent; defaults ${JSON.stringify(DEFAULT_MAX_AGE_HOURS)}, e.g. {"meltwater-newsletter": 6}.`,
      ),
  QUEUE_VISIBILITY_MS: () =>
    int(1_000, 43_200_000).default(120_000).describe('How long a received queue message stays hidden while it is worked.'),
  QUEUE_MAX_RECEIVES: () =>
    int(1, 100)
      .default(5)
      .describe(
        'Receives of a failing queue message before it is dead-lettered; one received more often (it crashed the process) is dead-lettered before it is handled.',
      ),
  NEWSLETTER_CONCURRENCY: () => int(1, 32).default(4).describe('Newsletters downloaded at the same time during a run.'),
  WEBHOOK_MAX_MENTIONS: () =>
    int(1, 100_000)
      .default(2_000)
      .describe('Mentions one Meltwater webhook call may carry; a call with more is refused whole (413), never cut short.'),
  WEBHOOK_MAX_DELIVERIES: () =>
    int(1, 10_000_000)
      .default(20_000)
      .describe(
        "Deliveries one Meltwater webhook call may create (mentions × the client's WhatsApp contacts); more is refused whole (413).",
      ),
  ...ready(renderConfigSchema.shape),
  OPS_WHATSAPP_NUMBERS: () =>
    z
      .string()
      .optional()
      .transform((text, context) => parsePhoneList(text, context))
      .describe(
        'Comma-separated WhatsApp numbers of operators who receive notices (through the fallback provider while the primary is down).',
      ),
  OPS_NOTIFY_AFTER_SECONDS: () =>
    int(0, 86_400)
      .default(300)
      .describe('How long a provider may be unavailable before operators are told (once per outage, and again when it is back).'),
  OPS_FAILURE_THRESHOLD: () =>
    int(0, 1_000_000)
      .default(10)
      .describe('Deliveries failed or expired within an hour above which operators are told (once until it falls back under).'),
  OPS_NOTIFY_RETRY_SECONDS: () =>
    int(1, 3_600).default(60).describe('First wait before a notice that could not be sent is tried again; doubles up to an hour.'),
  ...ready(incomingWebhookConfigSchema.shape),
  AWS_ACCESS_KEY_ID: () =>
    z
      .string()
      .optional()
      .describe('AWS access key id; the AWS SDK reads it from the environment (roles need none). Listed so that logs redact it.'),
  AWS_SECRET_ACCESS_KEY: () =>
    z.string().optional().describe('AWS secret access key, read by the AWS SDK from the environment. Listed so that logs redact it.'),
  AWS_SESSION_TOKEN: () =>
    z
      .string()
      .optional()
      .describe('AWS session token of temporary credentials, read by the AWS SDK from the environment. Listed so that logs redact it.'),
  WHATSAPP_RETRY_ATTEMPTS: () =>
    int(1, 5)
      .default(2)
      .describe('Quick in-process tries of a send that failed for a passing reason, before the durable retry takes over.'),
  WHATSAPP_BREAKER_FAILURES: () =>
    int(1, 100).default(5).describe('Failures in a row that open a provider\u2019s circuit: it is left alone for a while.'),
  WHATSAPP_BREAKER_HALF_OPEN_MS: () =>
    int(1_000, 3_600_000).default(30_000).describe('How long an open circuit waits before trying the provider again.'),
  ...ready(oneSignalConfigSchema.shape),
  ...ready(sqliteConfigSchema.shape),
  ...ready(meltwaterNewsletterConfigSchema.shape),
  ...ready(cronerScheduleConfigSchema.shape),
  ...ready(jsonLogConfigSchema.shape),
} satisfies Record<string, () => z.ZodType>;

type ServiceShape = { [Name in keyof typeof SERVICE_SETTINGS]: ReturnType<(typeof SERVICE_SETTINGS)[Name]> };
export type SettingName = keyof ServiceShape;
export type BaseConfig = z.infer<z.ZodObject<ServiceShape>>;

export const SETTING_NAMES = Object.keys(SERVICE_SETTINGS) as SettingName[];

const built = new Map<SettingName, z.ZodType>();

/**
 * One setting's schema, built on first use: building all of them (zod constructs each check as an object
 * with its own methods) costs more than a Lambda function's cold start may, and a process checks only
 * what it reads (load-config.ts).
 */
export function settingSchema<Name extends SettingName>(name: Name): ServiceShape[Name] {
  let schema = built.get(name);
  if (schema === undefined) {
    schema = SERVICE_SETTINGS[name]();
    built.set(name, schema);
  }
  return schema as ServiceShape[Name];
}

let whole: z.ZodObject<ServiceShape> | undefined;

/**
 * Every setting of the service, as one schema (the configuration docs are generated from it). Each adapter
 * owns its own part; the choice of adapters (STORE, REPORT_STORE, QUEUE, WHATSAPP_PROVIDER) decides which
 * parts apply.
 */
export function configSchema(): z.ZodObject<ServiceShape> {
  whole ??= z.object(Object.fromEntries(SETTING_NAMES.map((name) => [name, settingSchema(name)])) as ServiceShape);
  return whole;
}

/** An adapter's settings, whose schemas its module builds when imported. */
function ready<Shape extends z.ZodRawShape>(shape: Shape): { [Name in keyof Shape]: () => Shape[Name] } {
  return Object.fromEntries(Object.entries(shape).map(([name, schema]) => [name, () => schema])) as {
    [Name in keyof Shape]: () => Shape[Name];
  };
}

/** Each number is checked as WhatsApp numbers are (+506 when written without a country code); none is echoed back. */
function parsePhoneList(text: string | undefined, context: z.RefinementCtx): string[] {
  if (text === undefined) return [];
  const numbers = text
    .split(',')
    .map((number) => number.trim())
    .filter((number) => number !== '');
  numbers.forEach((number, index) => {
    const parsed = parsePhoneNumber(number, '506');
    if (!parsed.ok) context.addIssue({ code: 'custom', message: `number ${index + 1}: ${PHONE_REJECTION_REASONS[parsed.error]}` });
  });
  return numbers;
}

function parseMaxAge(text: string | undefined, context: z.RefinementCtx): MaxAgeHours {
  if (text === undefined || text.trim() === '') return DEFAULT_MAX_AGE_HOURS;
  const schema = z
    .partialRecord(
      z.enum(JOBS),
      z
        .number()
        .positive()
        .max(24 * 365),
    )
    .refine((map) => Object.keys(map).length > 0);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    context.addIssue({ code: 'custom', message: 'must be JSON such as {"meltwater-alert": 24, "meltwater-newsletter": 12}' });
    return DEFAULT_MAX_AGE_HOURS;
  }
  const checked = schema.safeParse(json);
  if (!checked.success) {
    for (const issue of checked.error.issues)
      context.addIssue({ code: 'custom', message: `${issue.path.join('.')} ${issue.message}`.trim() });
    return DEFAULT_MAX_AGE_HOURS;
  }
  return { ...DEFAULT_MAX_AGE_HOURS, ...checked.data };
}

function parseClientProviders(text: string | undefined, context: z.RefinementCtx): Record<string, (typeof PROVIDER_IDS)[number]> {
  if (text === undefined) return {};
  const schema = z.record(z.string().regex(/^[0-9a-fA-F]{24}$/u, 'keys must be client ids'), z.enum(PROVIDER_IDS));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    context.addIssue({ code: 'custom', message: 'must be JSON such as {"5792a7288ac8f35b0aa93bee": "gowa"}' });
    return {};
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', message: issue.message });
    return {};
  }
  return Object.fromEntries(Object.entries(parsed.data).map(([id, provider]) => [id.toLowerCase(), provider]));
}
