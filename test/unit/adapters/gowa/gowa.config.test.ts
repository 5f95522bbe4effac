import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { gowaConfigSchema } from '../../../../src/adapters/gowa/gowa.config.ts';

const issues = (schema: z.ZodType, env: Record<string, string>) => {
  const parsed = schema.safeParse(env);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};
const base = { GOWA_BASE_URL: 'https://gowa.controles.co.cr/' };

describe('gowa settings', () => {
  it('needs only the gateway URL, without its trailing slash', () => {
    expect(gowaConfigSchema.parse(base)).toEqual({ GOWA_BASE_URL: 'https://gowa.controles.co.cr' });
    expect(issues(gowaConfigSchema, {})).toEqual([expect.stringMatching(/^GOWA_BASE_URL: /u)]);
    expect(gowaConfigSchema.parse({ GOWA_BASE_URL: 'http://10.0.0.5:3000/gowa' }).GOWA_BASE_URL).toBe('http://10.0.0.5:3000/gowa');
  });

  it('refuses credentials in the URL', () => {
    expect(issues(gowaConfigSchema, { GOWA_BASE_URL: 'https://cvt:secreto@gowa.example' })).toEqual([
      'GOWA_BASE_URL: must not carry credentials: set GOWA_USERNAME and GOWA_PASSWORD instead',
    ]);
  });

  it('takes basic-auth credentials both or neither, also once the composition extends the schema', () => {
    const both = { ...base, GOWA_USERNAME: 'cvt', GOWA_PASSWORD: 'clave-segura' };
    expect(gowaConfigSchema.parse(both)).toMatchObject({ GOWA_USERNAME: 'cvt', GOWA_PASSWORD: 'clave-segura' });
    const message = 'set GOWA_USERNAME and GOWA_PASSWORD together, or neither (a gateway without basic auth)';
    expect(issues(gowaConfigSchema, { ...base, GOWA_USERNAME: 'cvt' })).toEqual([`GOWA_PASSWORD: ${message}`]);
    expect(issues(gowaConfigSchema, { ...base, GOWA_PASSWORD: 'clave' })).toEqual([`GOWA_USERNAME: ${message}`]);
    const extended = gowaConfigSchema.extend({ GOWA_TIMEOUT_MS: z.coerce.number().default(30_000) });
    expect(issues(extended, { ...base, GOWA_USERNAME: 'cvt' })).toEqual([`GOWA_PASSWORD: ${message}`]);
  });

  it('refuses a password the gateway could never be configured with', () => {
    expect(issues(gowaConfigSchema, { ...base, GOWA_USERNAME: 'cvt', GOWA_PASSWORD: 'a:b' })).toEqual([
      'GOWA_PASSWORD: must not contain ":" or "," (the gateway cannot be configured with one)',
    ]);
    expect(issues(gowaConfigSchema, { ...base, GOWA_USERNAME: 'c:vt', GOWA_PASSWORD: 'ab' })).toEqual([
      'GOWA_USERNAME: must not contain ":" or ","',
    ]);
  });

  it('takes an optional device id, trimmed', () => {
    expect(gowaConfigSchema.parse({ ...base, GOWA_DEVICE_ID: ' cvt-main ' }).GOWA_DEVICE_ID).toBe('cvt-main');
  });

  it('wants a webhook secret longer than the gateway\u2019s public default', () => {
    expect(issues(gowaConfigSchema, { ...base, GOWA_WEBHOOK_SECRET: 'secret' })).toEqual([
      expect.stringMatching(/^GOWA_WEBHOOK_SECRET: must be at least 16/u),
    ]);
    expect(gowaConfigSchema.parse({ ...base, GOWA_WEBHOOK_SECRET: 'a-long-shared-secret' }).GOWA_WEBHOOK_SECRET).toBe(
      'a-long-shared-secret',
    );
  });

  it('describes every setting', () => {
    for (const [key, schema] of Object.entries(gowaConfigSchema.shape)) expect(schema.description, key).toEqual(expect.any(String));
  });
});
