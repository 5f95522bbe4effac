import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parseJobTemplates, type JobTemplates } from '../../../src/domain/messages/job-templates.ts';
import { mongodbConfigSchema } from '../../../src/adapters/mongodb/mongodb.config.ts';
import { s3ConfigSchema } from '../../../src/adapters/s3/s3.config.ts';
import { sqsConfigSchema } from '../../../src/adapters/sqs/sqs.config.ts';
import { SETTING_NAMES, settingSchema, type SettingName } from '../../../src/entrypoints/composition/config.schema.ts';
import { ConfigError, loadConfig } from '../../../src/entrypoints/composition/load-config.ts';
import { plainCheck, type PlainCheck, type PlainSetting } from '../../../src/entrypoints/composition/plain-setting-check.ts';
import { PROVIDER_IDS } from '../../../src/entrypoints/composition/providers/provider-ids.ts';
import type { ProviderId } from '../../../src/entrypoints/composition/providers/provider-catalog.ts';
import { providerSettingsSchema } from '../../../src/entrypoints/composition/providers/provider-settings.ts';
import { SETTING_CHECKS_JSON } from '../../../src/entrypoints/composition/setting-checks.ts';

/**
 * The start checks the simple settings without zod (plain-setting-check.ts, generated from the schemas):
 * whatever it decides must be what the zod schema answers, for any value; what it leaves undecided, zod
 * checks, so errors keep zod's words.
 */
const CHECKS = parsedChecks() as {
  names: SettingName[];
  settings: Partial<Record<SettingName, PlainSetting>>;
  families: Record<'mongodb' | 's3' | 'sqs', { names: string[]; settings: Record<string, PlainSetting> } | null>;
  providers: Record<
    ProviderId,
    {
      names: string[];
      settings: Record<string, PlainSetting>;
      rules?: { together: [string, string] }[];
      unset?: Record<string, unknown>;
    } | null
  >;
};
/** The generated checks, each technology's and each provider's parsed too (a start parses only those it uses). */
function parsedChecks(): unknown {
  const checks = JSON.parse(SETTING_CHECKS_JSON) as { families: Record<string, string>; providers: Record<string, string> };
  const parsed = (json: Record<string, string>) => Object.fromEntries(Object.entries(json).map(([key, text]) => [key, JSON.parse(text)]));
  return { ...checks, families: parsed(checks.families), providers: parsed(checks.providers) };
}
const FAMILIES = { mongodb: mongodbConfigSchema, s3: s3ConfigSchema, sqs: sqsConfigSchema } as const;

/** Values near each kind's edges, and anything at all. */
function valuesFor(check: PlainCheck): fc.Arbitrary<string> {
  const anything = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('', ' ', '\t', 'NaN', 'Infinity', '-0', '1e3', '0x10'),
  );
  switch (check.kind) {
    case 'enum':
      return fc.oneof(
        fc.constantFrom(...check.values),
        fc.constantFrom(...check.values).map((value) => ` ${value.toUpperCase()}`),
        fc.constantFrom(...check.values).map((value) => `${value}\n`),
        anything,
      );
    case 'number': {
      const bounds = [check.min?.[0] ?? -1e6, check.max?.[0] ?? 1e6];
      return fc.oneof(
        fc.integer({ min: Math.ceil(bounds[0]!) - 3, max: Math.floor(bounds[1]!) + 3 }).map(String),
        fc.constantFrom(...bounds).map(String),
        fc.double({ min: bounds[0]! - 1, max: bounds[1]! + 1, noNaN: true }).map(String),
        fc.integer().map((value) => `${value}.0`),
        fc.integer().map((value) => ` ${value} `),
        fc.integer({ min: 0, max: 999 }).map((value) => `00${value}`),
        anything,
      );
    }
    case 'string':
      return fc.oneof(
        ...check.patterns.map(([source, flags]) => matching(source, flags)),
        // Blanks around the text, which a trimmed setting drops (String.prototype.trim's, not only spaces).
        fc
          .tuple(fc.constantFrom(' ', '\t', '\u00a0', '\ufeff', '\u2028', ''), fc.string(), fc.constantFrom(' ', '\n', '\u3000', ''))
          .map(([before, text, after]) => `${before}${text}${after}`),
        fc.string({ minLength: Math.max(0, (check.minLength ?? 0) - 2), maxLength: (check.maxLength ?? 70) + 2 }),
        anything,
      );
    case 'url':
      return fc.oneof(
        fc.webUrl({ validSchemes: ['http', 'https', 'ftp'], withQueryParameters: true, withFragments: true }),
        fc.webUrl().map((url) => `${url}///`),
        fc.webUrl().map((url) => ` ${url}`),
        fc.webUrl().map((url) => url.replace('://', ':')),
        fc.webUrl().map((url) => url.replace('://', '://user:secret@')),
        fc.webUrl().map((url) => url.toUpperCase()),
        fc.webUrl().map((url) => `${url.slice(0, 12)}\t${url.slice(12)}`),
        fc.constantFrom('http:example.com', 'https:/example.com', 'HTTP://EXAMPLE.COM/', 'https://[::1]:3000/', 'https://exa mple.com'),
        anything,
      );
    case 'templates':
      return fc.oneof(templatesText(check.positional), anything);
  }
}

/** The variables each job's messages carry (domain/messages/job-templates.ts), so that most generated templates are valid. */
const JOB_VARIABLES: Readonly<Record<string, readonly string[]>> = {
  'meltwater-alert': ['titulo', 'link', 'fuente', 'sentimiento', 'cliente'],
  'meltwater-newsletter': ['titulo', 'link', 'cliente'],
  'offline-report': ['subject', 'titulo', 'link'],
  'offline-alert': ['titulo', 'link'],
};

/** A `<PROVIDER>_TEMPLATES` value: one valid entry per job (named or positional parameters), or one broken in the usual ways. */
function templatesText(positional: boolean): fc.Arbitrary<string> {
  const entry = (variables: readonly string[]) =>
    fc.record(
      {
        template: fc.constantFrom('alerta_noticia', ' 7 ', 'x'),
        language: fc.constantFrom('es', 'es_CR', 'pt-BR'),
        params: fc
          .subarray([...variables])
          .map((chosen) => Object.fromEntries(chosen.map((variable, index) => [positional ? String(index + 1) : variable, variable]))),
        namespace: fc.constantFrom('cvt', ''),
        media: fc.record({ type: fc.constantFrom('image', 'video', 'document'), link: fc.constant('https://cdn.example/a.png') }),
      },
      { requiredKeys: ['template', 'params'] },
    );
  const valid = fc.record(Object.fromEntries(Object.entries(JOB_VARIABLES).map(([job, variables]) => [job, entry(variables)])));
  const job = fc.constantFrom(...Object.keys(JOB_VARIABLES));
  const broken: readonly ((entry: Record<string, unknown>) => Record<string, unknown>)[] = [
    (entry) => ({ ...entry, template: ' ' }),
    (entry) => ({ ...entry, language: 'espanol' }),
    (entry) => ({ ...entry, namespace: 7 }),
    (entry) => ({ ...entry, media: { type: 'gif', link: 'nota' } }),
    (entry) => ({ ...entry, params: { ...(entry['params'] as object), [positional ? '1' : 'x']: 'otra' } }),
    (entry) => ({ ...entry, params: { ...(entry['params'] as object), [positional ? '7' : 'y']: 'titulo' } }),
    (entry) => ({ ...entry, params: { p: 'titulo', q: 'link' } }),
    (entry) => ({ ...entry, params: { '1': 'titulo', '2': 'link' } }),
    // Positions and names in one template (Cloud API's own check).
    (entry) => ({ ...entry, params: { '1': 'titulo', link: 'link' } }),
  ];
  return fc.oneof(
    valid.map((value) => JSON.stringify(value)),
    fc
      .tuple(valid, job, fc.constantFrom(...broken))
      .map(([value, name, breakIt]) => JSON.stringify({ ...value, [name]: breakIt(value[name] as Record<string, unknown>) })),
    fc.tuple(valid, job).map(([value, name]) => JSON.stringify({ ...value, [name]: undefined })),
    valid.map((value) => JSON.stringify({ ...value, 'otro-trabajo': {} })),
    valid.map((value) => JSON.stringify(value).slice(0, -1)),
    fc.jsonValue().map((value) => JSON.stringify(value)),
  );
}

/** Strings matching a pattern, where fast-check can read it (no lookahead, no `i` flag: then its lower-case subset). */
function matching(source: string, flags: string): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(source, flags.replace('i', '')));
  } catch {
    return fc.string();
  }
}

const plainSettings: [string, PlainSetting, z.ZodType][] = [
  ...Object.entries(CHECKS.settings).map(([name, setting]): [string, PlainSetting, z.ZodType] => [
    name,
    setting,
    settingSchema(name as SettingName),
  ]),
  ...Object.entries(CHECKS.families).flatMap(([family, known]) =>
    Object.entries(known?.settings ?? {}).map(([name, setting]): [string, PlainSetting, z.ZodType] => [
      name,
      setting,
      (FAMILIES[family as keyof typeof FAMILIES].shape as Record<string, z.ZodType>)[name]!,
    ]),
  ),
  ...Object.entries(CHECKS.providers).flatMap(([id, known]) =>
    Object.entries(known?.settings ?? {}).map(([name, setting]): [string, PlainSetting, z.ZodType] => [
      name,
      setting,
      (providerSettingsSchema(id as ProviderId).shape as Record<string, z.ZodType>)[name]!,
    ]),
  ),
];

describe('the settings a start checks without zod', () => {
  it('are generated for the settings of the simple kinds, and for each technology', () => {
    expect(CHECKS.names).toEqual(SETTING_NAMES);
    // The settings every Lambda function sets on AWS (deploy/template.yaml) are among them.
    for (const name of [
      'STORE',
      'REPORT_STORE',
      'QUEUE',
      'LOG_LEVEL',
      'PUBLIC_MEDIA_BASE_URL',
      'APP_BASE_URL',
      'MELTWATER_WEBHOOK_TOKEN',
    ] as const)
      expect(CHECKS.settings[name], name).toBeDefined();
    for (const family of ['mongodb', 's3', 'sqs'] as const)
      expect(CHECKS.families[family]?.names).toEqual(Object.keys(FAMILIES[family].shape));
  });

  it.each(plainSettings)('%s: decides only what its schema answers, and the same value', (name, setting, schema) => {
    fc.assert(
      fc.property(fc.option(valuesFor(setting.check), { nil: undefined }), (text) => {
        const answer = plainCheck(setting, text);
        if (answer === undefined) return;
        const parsed = schema.safeParse(text);
        expect(parsed.success, `${name}=${JSON.stringify(text)}`).toBe(true);
        expect(parsed.data, `${name}=${JSON.stringify(text)}`).toEqual(answer.value);
      }),
      { numRuns: 300 },
    );
  });

  it('decides the usual values itself, so that a start does not load zod for them', () => {
    const usual: Record<string, string> = {
      PORT: '8080',
      STORE: 'mongodb',
      LOG_LEVEL: 'warn',
      PUBLIC_MEDIA_BASE_URL: 'https://media.controles.co.cr/',
      OPS_WEBHOOK_URL: 'https://hooks.slack.com/services/T000/B000/XXXX',
      MELTWATER_WEBHOOK_TOKEN: 'bench-webhook-token-0123456789abcdef',
      CONSOLE_SESSION_HOURS: '1.5',
      DATA_DIR: '/tmp/data',
    };
    for (const [name, text] of Object.entries(usual)) {
      expect(plainCheck(CHECKS.settings[name as SettingName]!, text), name).toEqual({
        value: settingSchema(name as SettingName).parse(text),
      });
    }
    const sqs = CHECKS.families.sqs!.settings;
    expect(plainCheck(sqs['SQS_DISPATCH_URL']!, 'https://sqs.us-east-1.amazonaws.com/123456789012/cvt-whatsapp-dispatch')).toBeDefined();
  });
});

/** What the choices of technology need, and the pair that must come together, so that each setting is judged alone. */
const COMPANIONS: Record<string, string> = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/controles',
  SQS_OFFLINE_REPORTS_URL: 'http://127.0.0.1:9324/000000000000/whatsapp-informes',
  SQS_OFFLINE_ALERTS_URL: 'http://127.0.0.1:9324/000000000000/notificaciones-controles',
  ONESIGNAL_APP_ID: '0b6f2c5e-1f0a-4c7e-9a51-2d4a8e6f3b10',
  ONESIGNAL_API_KEY: 'os_v2_app_0123456789abcdef0123456789abcdef',
};

describe('loadConfig with the plain checks', () => {
  test.prop([
    fc
      .constantFrom(...plainSettings.filter(([name]) => (SETTING_NAMES as string[]).includes(name)))
      .chain(([name, setting]) => valuesFor(setting.check).map((text) => [name as SettingName, text] as const)),
  ])('answers each setting as its schema does, and refuses with its line', async ([name, text]) => {
    const parsed = settingSchema(name).safeParse(text);
    // A blank value is unset: then the setting's partner, if it has one, must be unset too.
    const env = text.trim() === '' ? { [name]: text } : { ...COMPANIONS, [name]: text };
    const loading = loadConfig(env, { providers: false, settings: [name] });
    if (text.trim() === '') {
      await expect(loading).resolves.toBeDefined();
    } else if (parsed.success) {
      expect((await loading)[name as keyof Awaited<typeof loading>]).toEqual(parsed.data);
    } else {
      const error = await loading.then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      // A setting another one needs (ONESIGNAL_*) may add its own line; the setting's own lines are zod's.
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues).toEqual(
        expect.arrayContaining(parsed.error.issues.map((issue) => `${[name, ...issue.path].join('.')}: ${issue.message}`)),
      );
    }
  });

  test.prop([
    fc.record(Object.fromEntries(CHECKS.families.sqs!.names.map((name) => [name, valuesFor(CHECKS.families.sqs!.settings[name]!.check)])), {
      requiredKeys: [],
    }),
  ])("answers a technology's settings as its object schema does", async (settings) => {
    const present = Object.fromEntries(
      Object.entries(settings).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
    );
    const parsed = sqsConfigSchema.safeParse(present);
    const loading = loadConfig({ QUEUE: 'sqs', ...present }, { providers: false, settings: [] });
    if (parsed.success) expect((await loading).sqs).toEqual(parsed.data);
    else
      await expect(loading).rejects.toThrow(
        new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).message,
      );
  });
});

/** The providers with settings of their own to check (outbox has only the common knobs). */
const SENDING_PROVIDERS = ['waapi', 'gowa', 'cliengo', 'chattonic', 'botmaker', 'cloudapi'] as const;
type SendingProvider = (typeof SENDING_PROVIDERS)[number];

describe("the providers' settings at start", () => {
  it("are decided without zod for every provider, templates and the providers' own checks of them included", () => {
    expect(Object.keys(CHECKS.providers)).toEqual(PROVIDER_IDS);
    for (const id of PROVIDER_IDS) {
      const known = CHECKS.providers[id];
      expect(known?.names, id).toEqual(Object.keys(providerSettingsSchema(id).shape));
      for (const name of known!.names) expect(known!.settings[name], `${id}: ${name}`).toBeDefined();
    }
    expect(CHECKS.providers.botmaker?.settings['BOTMAKER_TEMPLATES']?.check).toEqual({
      kind: 'templates',
      positional: false,
      check: 'botmaker-without-media',
    });
    expect(CHECKS.providers.cloudapi?.settings['CLOUDAPI_TEMPLATES']?.check).toEqual({
      kind: 'templates',
      positional: false,
      check: 'positional-or-named',
    });
    expect(CHECKS.providers.gowa?.rules).toEqual([{ together: ['GOWA_USERNAME', 'GOWA_PASSWORD'] }]);
  });

  /** Each of a provider's settings unset, or any value near its check's edges. */
  const providerEnv = (id: SendingProvider) => {
    const known = CHECKS.providers[id]!;
    return fc.record(Object.fromEntries(known.names.map((name) => [name, valuesFor(known.settings[name]!.check)])), { requiredKeys: [] });
  };

  for (const id of SENDING_PROVIDERS) {
    test.prop([providerEnv(id)], { numRuns: 200 })(`${id}: loadConfig answers its settings as its object schema does`, async (settings) => {
      const present = Object.fromEntries(
        Object.entries(settings).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
      );
      const parsed = providerSettingsSchema(id).safeParse(present);
      const loading = loadConfig({ WHATSAPP_PROVIDER: id, ...present }, { settings: [] });
      if (parsed.success) expect((await loading).providers[id]).toEqual(parsed.data);
      else
        await expect(loading).rejects.toThrow(
          new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (needed by the ${id} provider)`))
            .message,
        );
    });
  }

  test.prop([
    fc.option(fc.constantFrom('cvt', 'ops'), { nil: undefined }),
    fc.option(fc.constantFrom('s3cret', 'a:b'), { nil: undefined }),
  ])("gowa: a user without a password, or a password without a user, is refused in zod's words", async (username, password) => {
    const present = {
      GOWA_BASE_URL: 'http://127.0.0.1:3000',
      ...(username !== undefined && { GOWA_USERNAME: username }),
      ...(password !== undefined && { GOWA_PASSWORD: password }),
    };
    const parsed = providerSettingsSchema('gowa').safeParse(present);
    const loading = loadConfig({ WHATSAPP_PROVIDER: 'gowa', ...present }, { settings: [] });
    if (parsed.success) expect((await loading).providers.gowa).toEqual(parsed.data);
    else
      await expect(loading).rejects.toThrow(
        new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (needed by the gowa provider)`))
          .message,
      );
  });
});

/**
 * Botmaker's and Cloud API's own rules (their templates' checks, Cloud API's base URL transform, the trims)
 * became shared ones the plain check knows (provider-support/setting-rules.ts). The schemas they replaced,
 * as they were written, are the oracle: the new ones accept the same values, answer the same, and refuse
 * with the same words.
 */
describe("the providers' own rules, made shared", () => {
  const EXAMPLE = '{"offline-alert": {"template": "alerta_noticia", "language": "es", "params": {"titulo": "titulo", "link": "link"}}, …}';
  const before = {
    BOTMAKER_CHANNEL_ID: z.string().trim().min(1),
    GOWA_DEVICE_ID: z.string().trim().min(1).max(200).optional(),
    CLOUDAPI_BASE_URL: z
      .url({ protocol: /^https?$/u })
      .transform((url) => url.replace(/\/+$/u, ''))
      .default('https://graph.facebook.com/v25.0'),
    BOTMAKER_TEMPLATES: z.string().transform((value, context): JobTemplates => {
      let json: unknown;
      try {
        json = JSON.parse(value);
      } catch {
        context.addIssue({
          code: 'custom',
          message:
            'must be JSON such as {"offline-alert": {"template": "alerta_noticia", "params": {"titulo": "titulo", "link": "link"}}, …}',
        });
        return z.NEVER;
      }
      const parsed = parseJobTemplates(json, { positional: false });
      const problems = parsed.ok
        ? Object.entries(parsed.value)
            .filter(([, template]) => template.media !== undefined)
            .map(([job]) => `${job}: Botmaker templates carry their own media; remove "media"`)
        : parsed.error;
      for (const problem of problems) context.addIssue({ code: 'custom', message: problem });
      return parsed.ok && problems.length === 0 ? parsed.value : z.NEVER;
    }),
    CLOUDAPI_TEMPLATES: z.string().transform((text, context): JobTemplates => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        context.addIssue({ code: 'custom', message: `must be JSON: ${EXAMPLE}` });
        return z.NEVER;
      }
      const parsed = parseJobTemplates(json, { positional: false });
      if (!parsed.ok) {
        for (const problem of parsed.error) context.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      for (const [job, template] of Object.entries(parsed.value)) {
        const names = Object.keys(template.params);
        const positional = names.filter((name) => /^\d+$/u.test(name));
        if (positional.length > 0 && positional.length !== names.length)
          context.addIssue({ code: 'custom', message: `${job}: parameters are either all positional ("1", "2", …) or all named` });
      }
      return parsed.value;
    }),
  } satisfies Record<string, z.ZodType>;
  const now = (name: keyof typeof before): z.ZodType => {
    const id = name.startsWith('GOWA') ? 'gowa' : name.startsWith('BOTMAKER') ? 'botmaker' : 'cloudapi';
    return (providerSettingsSchema(id).shape as Record<string, z.ZodType>)[name]!;
  };
  const answer = (schema: z.ZodType, text: string | undefined) => {
    const parsed = schema.safeParse(text);
    return parsed.success ? { data: parsed.data } : { issues: parsed.error.issues.map((issue) => [issue.path, issue.message]) };
  };

  it.each(Object.keys(before) as (keyof typeof before)[])('%s: the same answer as the schema it replaced', (name) => {
    const setting =
      CHECKS.providers[name.startsWith('GOWA') ? 'gowa' : name.startsWith('BOTMAKER') ? 'botmaker' : 'cloudapi']!.settings[name]!;
    fc.assert(
      fc.property(fc.option(valuesFor(setting.check), { nil: undefined }), (text) => {
        expect(answer(now(name), text), `${name}=${JSON.stringify(text)}`).toEqual(answer(before[name], text));
      }),
      { numRuns: 500 },
    );
  });
});
