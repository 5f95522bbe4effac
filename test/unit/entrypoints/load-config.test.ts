import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES, configSchema } from '../../../src/entrypoints/composition/config.schema.ts';
import { ConfigError, loadConfig } from '../../../src/entrypoints/composition/load-config.ts';

async function configErrorOf(env: Record<string, string>): Promise<ConfigError> {
  try {
    await loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  it('loads the documented defaults from an empty environment', async () => {
    expect(await loadConfig({})).toMatchObject({
      PORT: 3000,
      STORE: 'sqlite',
      WHATSAPP_PROVIDER: 'outbox',
      REPORT_SCHEDULE: '0 8,16 * * *',
      REPORT_TIMEZONE: 'America/Costa_Rica',
      DEFAULT_COUNTRY_CODE: '506',
      PUBLIC_MEDIA_BASE_URL: 'https://media.controles.co.cr',
      APP_BASE_URL: 'https://app.controles.co.cr',
      MELTWATER_ACCOUNT_ID: '552e72ccbd555c1e62082adc',
    });
  });

  it('takes for each unset setting what its schema answers, whether checked at start or on first read', async () => {
    const answers = configSchema().parse({}) as Record<string, unknown>;
    const whole = (await loadConfig({})) as unknown as Record<string, unknown>;
    const lazily = (await loadConfig({}, { settings: [] })) as unknown as Record<string, unknown>;
    for (const name of SETTING_NAMES) {
      expect(whole[name], name).toEqual(answers[name]);
      expect(lazily[name], name).toEqual(answers[name]);
    }
  });

  it('checks at start only the settings a process reads, and any other when it is read, with the same line', async () => {
    const config = await loadConfig({ PORT: 'lots', WEBHOOK_MAX_MENTIONS: '12' }, { settings: ['WEBHOOK_MAX_MENTIONS'] });
    expect(config.WEBHOOK_MAX_MENTIONS).toBe(12);
    expect(() => config.PORT).toThrow(ConfigError);
    expect(() => config.PORT).toThrow(/^invalid configuration:\n {2}- PORT: [^\n]+$/u);
    await expect(loadConfig({ PORT: 'lots' }, { settings: ['PORT'] })).rejects.toThrow(/^invalid configuration:\n {2}- PORT: [^\n]+$/u);
    // Secrets are checked whatever the process reads: the logs redact them from the start.
    await expect(loadConfig({ ADMIN_TOKEN: 'short' }, { settings: [] })).rejects.toThrow(/ADMIN_TOKEN/u);
  });

  it('counts empty and blank values as unset, as KEY= in a .env file means', async () => {
    expect(await loadConfig({ PORT: '', STORE: '  ', PUBLIC_MEDIA_BASE_URL: '' })).toMatchObject({
      PORT: 3000,
      STORE: 'sqlite',
      PUBLIC_MEDIA_BASE_URL: 'https://media.controles.co.cr',
    });
  });

  it('reads given values and drops trailing slashes from base URLs', async () => {
    expect(await loadConfig({ PORT: '8080', PUBLIC_MEDIA_BASE_URL: 'https://media.example.cr/', REPORT_SCHEDULE: 'off' })).toMatchObject({
      PORT: 8080,
      PUBLIC_MEDIA_BASE_URL: 'https://media.example.cr',
      REPORT_SCHEDULE: 'off',
    });
  });

  it.each(['America/Costa_Rica', 'UTC', 'US/Eastern', 'america/costa_rica'])('accepts REPORT_TIMEZONE=%s as Intl does', async (zone) => {
    expect((await loadConfig({ REPORT_TIMEZONE: zone })).REPORT_TIMEZONE).toBe(zone);
  });

  it('ignores variables it does not know', async () => {
    expect(await loadConfig({ PATH: '/usr/bin', HOME: '/root' })).not.toHaveProperty('PATH');
  });

  it.each([
    ['PORT', 'lots'],
    ['PORT', '70000'],
    ['STORE', 'mongodb-cluster'],
    ['WHATSAPP_PROVIDER', 'carrier-pigeon'],
    ['PUBLIC_MEDIA_BASE_URL', 'ftp://media-host.example'],
    ['DEFAULT_COUNTRY_CODE', '+506'],
    ['ADMIN_TOKEN', 'abc123xyz'],
    ['ADMIN_TOKEN', 'has spaces in the middle of it'],
    ['MELTWATER_WEBHOOK_TOKEN', 'tooshort9'],
    ['MELTWATER_HOOK_SECRET', 'hooksecret1'],
    ['REPORT_SCHEDULE', '99 * * * *'],
    ['REPORT_SCHEDULE', 'every morning'],
    ['REPORT_TIMEZONE', 'Mars/Olympus_Mons'],
    ['LOG_LEVEL', 'verbose-ish'],
  ])('refuses %s=%j naming the setting without echoing the value', async (name, value) => {
    const error = await configErrorOf({ [name]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain(name);
    expect(error.message).not.toContain(value);
    expect(error.issues.some((issue) => issue.startsWith(`${name}: `))).toBe(true);
  });

  it('lists every bad setting at once', async () => {
    const error = await configErrorOf({ PORT: 'x', REPORT_TIMEZONE: 'Nowhere/Land' });
    expect(error.issues).toHaveLength(2);
  });

  // A fixed message for any value proves the value is not in it.
  test.prop([fc.stringMatching(/^[\x21-\x7e]{1,15}$/u)])('gives the same message for any short admin token', async (token) => {
    expect((await configErrorOf({ ADMIN_TOKEN: token })).message).toBe(
      'invalid configuration:\n  - ADMIN_TOKEN: must be at least 16 characters',
    );
  });
});
