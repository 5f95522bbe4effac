import { describe, expect, it } from 'vitest';
import { waapiConfigSchema } from '../../../../src/adapters/waapi/waapi.config.ts';

const valid = { WAAPI_TOKEN: 'tok_abcdef123456', WAAPI_INSTANCE_ID: '60123' };
const issues = (env: Record<string, string>) => {
  const parsed = waapiConfigSchema.safeParse(env);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('waapi settings', () => {
  it('needs a token and an instance id, and defaults the base URL to waapi.app', () => {
    expect(waapiConfigSchema.parse(valid)).toEqual({ ...valid, WAAPI_BASE_URL: 'https://waapi.app/api/v1' });
    expect(issues({})).toEqual([expect.stringMatching(/^WAAPI_TOKEN: /u), expect.stringMatching(/^WAAPI_INSTANCE_ID: /u)]);
  });

  it('takes only a numeric instance id', () => {
    expect(issues({ ...valid, WAAPI_INSTANCE_ID: 'mi-instancia' })).toEqual([
      'WAAPI_INSTANCE_ID: must be the numeric id of the Waapi instance',
    ]);
  });

  it('drops a trailing slash from the base URL and refuses one that carries credentials or is not http', () => {
    expect(waapiConfigSchema.parse({ ...valid, WAAPI_BASE_URL: 'https://waapi.example/api/v1/' }).WAAPI_BASE_URL).toBe(
      'https://waapi.example/api/v1',
    );
    expect(issues({ ...valid, WAAPI_BASE_URL: 'https://user:secret@waapi.app/api/v1' })).toEqual([
      'WAAPI_BASE_URL: must not carry credentials: set WAAPI_TOKEN instead',
    ]);
    expect(issues({ ...valid, WAAPI_BASE_URL: 'ftp://waapi.app' })).toHaveLength(1);
  });

  it('refuses a token with spaces', () => {
    expect(issues({ ...valid, WAAPI_TOKEN: 'two words' })).toEqual(['WAAPI_TOKEN: must be printable ASCII without spaces']);
  });

  it('takes an optional webhook token fit for a URL, long enough to guess at', () => {
    expect(waapiConfigSchema.parse(valid).WAAPI_WEBHOOK_TOKEN).toBeUndefined();
    expect(waapiConfigSchema.parse({ ...valid, WAAPI_WEBHOOK_TOKEN: 'a1B2c3D4e5F6g7H8' }).WAAPI_WEBHOOK_TOKEN).toBe('a1B2c3D4e5F6g7H8');
    for (const bad of ['short', 'sixteen&chars&ok', 'with space inside it'])
      expect(issues({ ...valid, WAAPI_WEBHOOK_TOKEN: bad })).toEqual([expect.stringMatching(/^WAAPI_WEBHOOK_TOKEN: must be 16 to 128/u)]);
  });

  it('describes every setting', () => {
    for (const [key, schema] of Object.entries(waapiConfigSchema.shape)) expect(schema.description, key).toEqual(expect.any(String));
  });
});
