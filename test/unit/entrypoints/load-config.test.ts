import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES, configSchema } from '../../../src/entrypoints/composition/config.schema.ts';
import { ConfigError, loadConfig } from '../../../src/entrypoints/composition/load-config.ts';

function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  it('loads the documented defaults from an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
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

  it('takes for each unset setting what its schema answers, whether checked at start or on first read', () => {
    const answers = configSchema().parse({}) as Record<string, unknown>;
    const whole = loadConfig({}) as unknown as Record<string, unknown>;
    const lazily = loadConfig({}, { settings: [] }) as unknown as Record<string, unknown>;
    for (const name of SETTING_NAMES) {
      expect(whole[name], name).toEqual(answers[name]);
      expect(lazily[name], name).toEqual(answers[name]);
    }
  });

  it('checks at start only the settings a process reads, and any other when it is read, with the same line', () => {
    const config = loadConfig({ PORT: 'lots', WEBHOOK_MAX_MENTIONS: '12' }, { settings: ['WEBHOOK_MAX_MENTIONS'] });
    expect(config.WEBHOOK_MAX_MENTIONS).toBe(12);
    expect(() => config.PORT).toThrow(ConfigError);
    expect(() => config.PORT).toThrow(/^invalid configuration:\n {2}- PORT: [^\n]+$/u);
    expect(() => loadConfig({ PORT: 'lots' }, { settings: ['PORT'] })).toThrow(/^invalid configuration:\n {2}- PORT: [^\n]+$/u);
    // Secrets are checked whatever the process reads: the logs redact them from the start.
    expect(() => loadConfig({ ADMIN_TOKEN: 'short' }, { settings: [] })).toThrow(/ADMIN_TOKEN/u);
  });

  it('counts empty and blank values as unset, as KEY= in a .env file means', () => {
    expect(loadConfig({ PORT: '', STORE: '  ', PUBLIC_MEDIA_BASE_URL: '' })).toMatchObject({
      PORT: 3000,
      STORE: 'sqlite',
      PUBLIC_MEDIA_BASE_URL: 'https://media.controles.co.cr',
    });
  });

  it('reads given values and drops trailing slashes from base URLs', () => {
    expect(loadConfig({ PORT: '8080', PUBLIC_MEDIA_BASE_URL: 'https://media.example.cr/', REPORT_SCHEDULE: 'off' })).toMatchObject({
      PORT: 8080,
      PUBLIC_MEDIA_BASE_URL: 'https://media.example.cr',
      REPORT_SCHEDULE: 'off',
    });
  });

  it.each(['America/Costa_Rica', 'UTC', 'US/Eastern', 'america/costa_rica'])('accepts REPORT_TIMEZONE=%s as Intl does', (zone) => {
    expect(loadConfig({ REPORT_TIMEZONE: zone }).REPORT_TIMEZONE).toBe(zone);
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' })).not.toHaveProperty('PATH');
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
  ])('refuses %s=%j naming the setting without echoing the value', (name, value) => {
    const error = configErrorOf({ [name]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain(name);
    expect(error.message).not.toContain(value);
    expect(error.issues.some((issue) => issue.startsWith(`${name}: `))).toBe(true);
  });

  it('lists every bad setting at once', () => {
    const error = configErrorOf({ PORT: 'x', REPORT_TIMEZONE: 'Nowhere/Land' });
    expect(error.issues).toHaveLength(2);
  });

  // A fixed message for any value proves the value is not in it.
  test.prop([fc.stringMatching(/^[\x21-\x7e]{1,15}$/u)])('gives the same message for any short admin token', (token) => {
    expect(configErrorOf({ ADMIN_TOKEN: token }).message).toBe('invalid configuration:\n  - ADMIN_TOKEN: must be at least 16 characters');
  });
});
