import { describe, expect, it } from 'vitest';
import { mongodbConfigSchema } from '../../../../src/adapters/mongodb/mongodb.config.ts';

const URI = 'mongodb+srv://cvt:s3cr3t-pass@cluster0.example.mongodb.net/?retryWrites=true';
const issues = (env: Record<string, string>) => {
  const parsed = mongodbConfigSchema.safeParse(env);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('mongodb settings', () => {
  it("needs a connection string and defaults to CVT's database and collections", () => {
    expect(mongodbConfigSchema.parse({ MONGODB_URI: URI })).toEqual({
      MONGODB_URI: URI,
      MONGODB_DB: 'controles',
      MONGODB_USERS_COLLECTION: 'usuarioclientes',
      MONGODB_DELIVERIES_COLLECTION: 'cvt_whatsapp_deliveries',
      MONGODB_RECEIPTS_COLLECTION: 'cvt_whatsapp_pending_receipts',
      MONGODB_RUNS_COLLECTION: 'cvt_whatsapp_newsletter_runs',
      MONGODB_SUPPRESSIONS_COLLECTION: 'cvt_whatsapp_suppressions',
      MONGODB_WINDOWS_COLLECTION: 'cvt_whatsapp_conversation_windows',
    });
    expect(issues({})).toEqual([expect.stringMatching(/^MONGODB_URI: /u)]);
  });

  it('takes only mongodb:// and mongodb+srv:// connection strings, and never repeats one in its message', () => {
    expect(issues({ MONGODB_URI: 'mongodb://localhost:27017' })).toEqual([]);
    for (const bad of ['https://user:s3cr3t-pass@example.com', 'localhost:27017', 'mongodb://', 'mongodb://with space'])
      expect(issues({ MONGODB_URI: bad })).toEqual(['MONGODB_URI: must be a mongodb:// or mongodb+srv:// connection string']);
    expect(JSON.stringify(mongodbConfigSchema.safeParse({ MONGODB_URI: 'postgres://u:s3cr3t-pass@h' }).error)).not.toContain('s3cr3t');
  });

  it('refuses database and collection names MongoDB would refuse', () => {
    expect(issues({ MONGODB_URI: URI, MONGODB_DB: 'controles.prod' })).toEqual([
      expect.stringMatching(/^MONGODB_DB: must be a MongoDB database name/u),
    ]);
    expect(issues({ MONGODB_URI: URI, MONGODB_DB: 'x'.repeat(64) })).toHaveLength(1);
    expect(issues({ MONGODB_URI: URI, MONGODB_DELIVERIES_COLLECTION: 'system.deliveries' })).toEqual([
      expect.stringMatching(/^MONGODB_DELIVERIES_COLLECTION: must be a MongoDB collection name/u),
    ]);
    expect(issues({ MONGODB_URI: URI, MONGODB_RECEIPTS_COLLECTION: '$receipts' })).toHaveLength(1);
    expect(issues({ MONGODB_URI: URI, MONGODB_USERS_COLLECTION: '' })).toHaveLength(1);
    expect(issues({ MONGODB_URI: URI, MONGODB_DB: 'controles_test', MONGODB_USERS_COLLECTION: 'usuario.clientes' })).toEqual([]);
  });

  it('describes every setting', () => {
    for (const [key, schema] of Object.entries(mongodbConfigSchema.shape)) expect(schema.description, key).toEqual(expect.any(String));
  });
});
